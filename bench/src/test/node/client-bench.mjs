// Baseline of the libsql-jpa bench: the official @libsql/client (pinned in libsql-testkit/package.json)
// doing the same logical work as the Java variants, against the same server URL.
//
//   node client-bench.mjs --npm-dir <libsql-testkit> --url http://127.0.0.1:<port> [--cold]
//
// --cold: create a client, run SELECT 1, print {"firstResultMs": <ms since the process started>}, exit.
// Otherwise: read one JSON command a line on stdin, {"scenario": "...", "ops": n, "base": k}, run it and
// print one JSON line {"wallMicros": <total>, "cpuMicros": <process CPU, user + system>}.
// Scenarios (the tables exist; the Java harness creates them):
//   pk      autocommit "select b from kv where id = ?", ops times
//   find    autocommit "select id, a, b, c, d from kv where id = ?", ops times
//   tx      ops transactions of 100 single-row inserts each ("write" transaction, commit)
//   batch   ops batches of 1000 inserts (client.batch, "write": one transaction)
//   read    ops reads of "select id, a, b, c, d from kv" (10,000 rows), every value touched
// Run by dev.libsqljpa.bench.NodeClient; see docs/performance.md.

import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import path from "node:path";

const args = process.argv.slice(2);
const option = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
};
const npmDir = option("--npm-dir");
const url = option("--url");
if (!npmDir || !url) {
    console.error("usage: node client-bench.mjs --npm-dir <dir with node_modules> --url <server url> [--cold]");
    process.exit(2);
}
const require = createRequire(path.join(path.resolve(npmDir), "package.json"));
const { createClient } = require("@libsql/client");
const client = createClient({ url });

if (args.includes("--cold")) {
    const rs = await client.execute("SELECT 1");
    if (rs.rows.length !== 1) {
        throw new Error("SELECT 1 gave " + rs.rows.length + " rows");
    }
    console.log(JSON.stringify({ firstResultMs: Math.round(performance.now()) }));
    client.close();
    process.exit(0);
}

const scenarios = {
    async pk(i) {
        const rs = await client.execute({ sql: "select b from kv where id = ?", args: [(i % 10000) + 1] });
        return rs.rows[0][0].length;
    },
    async find(i) {
        const rs = await client.execute({ sql: "select id, a, b, c, d from kv where id = ?", args: [(i % 10000) + 1] });
        return rs.rows[0][2].length;
    },
    async tx() {
        const tx = await client.transaction("write");
        try {
            for (let j = 0; j < 100; j++) {
                await tx.execute({ sql: "insert into ins (v) values (?)", args: ["v" + j] });
            }
            await tx.commit();
        } finally {
            tx.close();
        }
        return 0;
    },
    async batch() {
        const stmts = [];
        for (let j = 0; j < 1000; j++) {
            stmts.push({ sql: "insert into ins (v) values (?)", args: ["v" + j] });
        }
        await client.batch(stmts, "write");
        return 0;
    },
    async read() {
        const rs = await client.execute("select id, a, b, c, d from kv");
        let n = 0;
        for (const row of rs.rows) {
            n += Number(row[0]) + Number(row[1]) + row[2].length + Math.floor(Number(row[3])) + row[4].byteLength;
        }
        if (n <= 0) {
            throw new Error("no rows read");
        }
        return 0;
    },
};

for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) {
        continue;
    }
    const command = JSON.parse(line);
    const run = scenarios[command.scenario];
    if (!run) {
        console.log(JSON.stringify({ error: "unknown scenario " + command.scenario }));
        continue;
    }
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < command.ops; i++) {
        await run(command.base + i);
    }
    const wallMicros = (performance.now() - t0) * 1000;
    const cpu = process.cpuUsage(cpu0);
    console.log(JSON.stringify({ wallMicros, cpuMicros: cpu.user + cpu.system }));
}
client.close();
