// Conformance suite: drives a Hrana-over-HTTP server with the official @libsql/client (pinned in
// libsql-testkit/package.json) and checks that every answer is what the client gets from sqld.
//
//   node client-conformance.mjs --url http://127.0.0.1:8080 [--only <check-prefix>] [--list] [--controlled]
//   LIBSQL_AUTH_TOKEN=...  when the server requires a token (then the auth checks run too)
//   --namespace-url http://127.0.0.1:8080/dev/<ns>/  a second database on the same server (sqld's
//                          path-based namespaces; the trailing slash matters to the client), adds a check
//
// --controlled adds checks that need the process running the server: the script prints
// {"await":"<action>"} and waits for a line "done" on stdin. Actions: "expire-idle-streams" (advance the
// server's clock past the idle stream timeout), "restart-server" (restart on the same port and data).
//
// Output: one JSON object per line on stdout,
//   {"check":"<name>","status":"passed"|"failed"|"known-gap","ms":<n>,"error":"...","details":{...}}
// and a last line {"summary":{"passed":n,"failed":n,"knownGaps":n,"total":n}}.
// Exit code 0 when no check failed, 1 when one did, 2 for a usage error.
// Run by dev.libsqljpa.testkit.LibsqlClientConformanceTest against LibsqlTestServer; see docs/servers.md.
//
// Expectations follow sqld (libsql-server) as @libsql/client 0.18 sees it: errors are LibsqlError with
// `code` = the server's error code and `message` = "<code>: <server message>"; SQLite errors arrive as
// SQLITE_<primary name> with the message prefixed "SQLite error: " and SQLITE_UNKNOWN for code 1.

import { createClient, LibsqlError, LibsqlBatchError } from "@libsql/client";
import assert from "node:assert/strict";
import { createInterface } from "node:readline";

// Checks that fail because of a known, reported server discrepancy: name -> explanation. They still run;
// a failure is reported as "known-gap" (not "failed"), a pass as "passed".
// Each entry names the discrepancy against sqld (reported to the testkit owner).
const KNOWN_GAPS = new Map([]);

const options = parseArguments(process.argv.slice(2));
const authToken = process.env.LIBSQL_AUTH_TOKEN || undefined;
const checks = [];
// Table names are unique per run, so the suite can run repeatedly against the same database.
const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
let tableCounter = 0;

function check(name, fn, { controlled = false } = {}) {
    checks.push({ name, fn, controlled });
}

let controllerInput;

/** Asks the controlling process (the JUnit test) to act on the server and waits until it has. */
async function controller(action) {
    controllerInput ??= createInterface({ input: process.stdin })[Symbol.asyncIterator]();
    emit({ await: action });
    const { value, done } = await controllerInput.next();
    if (done || value.trim() !== "done") {
        throw new Error(`controller did not perform ${action}: ${done ? "stdin closed" : value}`);
    }
}

// Every request goes through this fetch, so a check can wait until the requests it caused have been
// answered (e.g. the `close` that Transaction.close() sends in the background) instead of sleeping.
const pendingRequests = new Set();
let postCount = 0;

function trackedFetch(input, init) {
    postCount += 1;
    const response = fetch(input, init);
    pendingRequests.add(response);
    response.then(() => pendingRequests.delete(response), () => pendingRequests.delete(response));
    return response;
}

/** Resolves once every request issued so far (including ones queued in microtasks) has been answered. */
async function requestsSettled() {
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.allSettled([...pendingRequests]);
}

function client(intMode = "number") {
    return clientWithToken(authToken, intMode);
}

function clientWithToken(token, intMode = "number") {
    return createClient({ url: options.url, authToken: token, intMode, fetch: trackedFetch });
}

/** A fresh table name, so checks never see each other's data. */
function table(hint) {
    tableCounter += 1;
    return `cc_${runId}_${hint}_${tableCounter}`;
}

async function expectLibsqlError(promise, expected) {
    let error;
    try {
        await promise;
    } catch (e) {
        error = e;
    }
    assert.ok(error !== undefined, `expected ${JSON.stringify(expected)}, but the call succeeded`);
    if (!(error instanceof LibsqlError)) {
        throw new assert.AssertionError({
            message: `expected a LibsqlError, got ${error?.constructor?.name}: ${error?.message}`,
        });
    }
    if (expected.batchError) {
        assert.ok(error instanceof LibsqlBatchError, `expected a LibsqlBatchError, got ${error.constructor.name}`);
        assert.equal(error.statementIndex, expected.statementIndex, "LibsqlBatchError.statementIndex");
    }
    if (expected.code !== undefined) {
        assert.equal(error.code, expected.code, `error code (message: ${error.message})`);
    }
    if (expected.message !== undefined) {
        assert.equal(error.message, expected.message, "error message");
    }
    if (expected.messageIncludes !== undefined) {
        assert.ok(error.message.includes(expected.messageIncludes),
            `error message ${JSON.stringify(error.message)} should contain ${JSON.stringify(expected.messageIncludes)}`);
    }
    return error;
}

async function count(db, name) {
    const rs = await db.execute(`select count(*) as n from ${name}`);
    return Number(rs.rows[0].n);
}

function bytesOf(arrayBuffer) {
    assert.ok(arrayBuffer instanceof ArrayBuffer, `expected an ArrayBuffer, got ${arrayBuffer?.constructor?.name}`);
    return new Uint8Array(arrayBuffer);
}

function hex(bytes) {
    return Buffer.from(bytes).toString("hex").toUpperCase();
}

// ---------------------------------------------------------------------------------------------------
// Values

check("execute.null", async () => {
    const db = client();
    const rs = await db.execute({ sql: "select null as n, ? is null as arg_is_null, typeof(?) as t", args: [null, null] });
    assert.deepEqual(rs.columns, ["n", "arg_is_null", "t"]);
    assert.equal(rs.rows[0].n, null);
    assert.equal(rs.rows[0][0], null);
    assert.equal(rs.rows[0].arg_is_null, 1);
    assert.equal(rs.rows[0].t, "null");
    db.close();
});

check("execute.integer.number-mode", async () => {
    const db = client("number");
    const rs = await db.execute({
        sql: "select 42, -7, 0, ?, ?, typeof(?)",
        args: [9007199254740991n, -9007199254740991n, 5n],
    });
    assert.deepEqual(Array.from(rs.rows[0]), [42, -7, 0, 9007199254740991, -9007199254740991, "integer"]);
    for (const value of Array.from(rs.rows[0]).slice(0, 5)) {
        assert.equal(typeof value, "number");
    }
    db.close();
});

check("execute.integer.number-mode-refuses-unsafe-integers", async () => {
    // The server must send 2^63-1 as an exact integer: the client then refuses to squeeze it into a number.
    const db = client("number");
    await assert.rejects(db.execute("select 9223372036854775807"), RangeError);
    db.close();
});

check("execute.integer.bigint-mode-64-bit", async () => {
    const db = client("bigint");
    const name = table("int64");
    const max = 9223372036854775807n;
    const min = -9223372036854775808n;
    const rs = await db.execute({
        sql: "select 9223372036854775807, -9223372036854775808, ?, ?, ? + 0, typeof(?), 1",
        args: [max, min, max - 1n, min],
    });
    assert.deepEqual(Array.from(rs.rows[0]), [max, min, max, min, max - 1n, "integer", 1n]);
    await db.execute(`create table ${name} (v integer)`);
    for (const value of [max, min, 0n, -1n, 9007199254740993n]) {
        await db.execute({ sql: `insert into ${name} values (?)`, args: [value] });
    }
    const stored = await db.execute(`select v from ${name} order by rowid`);
    assert.deepEqual(stored.rows.map((row) => row.v), [max, min, 0n, -1n, 9007199254740993n]);
    const sums = await db.execute(`select sum(v) from ${name} where v in (0, -1)`);
    assert.equal(sums.rows[0][0], -1n);
    db.close();
});

check("execute.integer.string-mode", async () => {
    const db = client("string");
    const rs = await db.execute({ sql: "select 9223372036854775807, ?", args: [-9223372036854775808n] });
    assert.deepEqual(Array.from(rs.rows[0]), ["9223372036854775807", "-9223372036854775808"]);
    db.close();
});

check("execute.float", async () => {
    const db = client();
    // JS numbers are sent as Hrana floats; integral ones serialise as JSON integers ({"type":"float","value":2}).
    const values = [1.5, -0.25, 1e300, -1e-300, 5e-324, 3.141592653589793, 2, 0];
    const placeholders = values.map(() => "?").join(", ");
    const rs = await db.execute({ sql: `select ${placeholders}, typeof(?), 0.1 + 0.2, 1.0`, args: [...values, 2] });
    const row = Array.from(rs.rows[0]);
    assert.deepEqual(row.slice(0, values.length), values);
    assert.equal(row[values.length], "real");
    assert.equal(row[values.length + 1], 0.1 + 0.2);
    assert.equal(row[values.length + 2], 1);
    assert.ok(Object.is(row[values.length - 1], 0));
    db.close();
});

check("execute.text.unicode", async () => {
    const db = client();
    const texts = [
        "",
        "plain ascii",
        "héllo wörld, ça va? ß",
        "日本語のテキスト 中文 한국어",
        "emoji 😀🎉 family 👩‍👩‍👧 flag 🇨🇭",
        "RTL עברית العربية",
        "quotes ' \" backslash \\ slash / newline \n tab \t cr \r",
        "controls \u0001\u001f and separators \u2028\u2029",
        "combining e\u0301 and BOM \ufeff",
        "{\"json\": [1, 2]} <html> &amp; =+/ base64-ish ==",
    ];
    for (const text of texts) {
        const rs = await db.execute({ sql: "select ?, length(?), hex(?), typeof(?)", args: [text, text, text, text] });
        const [back, length, hexText, type] = Array.from(rs.rows[0]);
        assert.equal(back, text);
        assert.equal(length, Array.from(text).length, `length() of ${JSON.stringify(text)} (code points)`);
        assert.equal(hexText, hex(Buffer.from(text, "utf8")), `UTF-8 bytes of ${JSON.stringify(text)}`);
        assert.equal(type, "text");
    }
    const literal = await db.execute("select 'grüße 😀'");
    assert.equal(literal.rows[0][0], "grüße 😀");
    db.close();
});

check("execute.text.embedded-nul", async () => {
    // sqld binds and reads text with explicit lengths, so a NUL inside text survives.
    const db = client();
    const text = "a\u0000b";
    const rs = await db.execute({ sql: "select ?, length(cast(? as blob))", args: [text, text] });
    assert.equal(rs.rows[0][0], text);
    assert.equal(rs.rows[0][1], 3);
    db.close();
});

check("execute.text.large", async () => {
    const db = client();
    const text = "ab😀".repeat(250_000); // 1 MB of UTF-8
    const rs = await db.execute({ sql: "select ?, length(?)", args: [text, text] });
    assert.equal(rs.rows[0][0], text);
    assert.equal(rs.rows[0][1], 750_000);
    db.close();
});

check("execute.blob.all-byte-values", async () => {
    const db = client();
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const rs = await db.execute({ sql: "select ?, length(?), hex(?), typeof(?)", args: [all, all, all, all] });
    assert.deepEqual(bytesOf(rs.rows[0][0]), all);
    assert.equal(rs.rows[0][1], 256);
    assert.equal(rs.rows[0][2], hex(all));
    assert.equal(rs.rows[0][3], "blob");
    // Every base64 padding case (length mod 3 = 0, 1, 2), the empty blob, and an ArrayBuffer argument.
    for (const length of [0, 1, 2, 3, 4, 5]) {
        const blob = Uint8Array.from({ length }, (_, i) => 255 - i);
        const back = await db.execute({ sql: "select ?, length(?)", args: [blob.buffer, blob] });
        assert.deepEqual(bytesOf(back.rows[0][0]), blob, `blob of length ${length}`);
        assert.equal(back.rows[0][1], length);
    }
    const literal = await db.execute("select x'00ff7f80', zeroblob(3)");
    assert.deepEqual(bytesOf(literal.rows[0][0]), Uint8Array.from([0, 255, 127, 128]));
    assert.deepEqual(bytesOf(literal.rows[0][1]), new Uint8Array(3));
    db.close();
});

check("execute.blob.large", async () => {
    const db = client();
    const blob = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 7919) & 0xff);
    const name = table("blob");
    await db.execute(`create table ${name} (b blob)`);
    await db.execute({ sql: `insert into ${name} values (?)`, args: [blob] });
    const rs = await db.execute(`select b, length(b) from ${name}`);
    assert.deepEqual(bytesOf(rs.rows[0][0]), blob);
    assert.equal(rs.rows[0][1], 1 << 20);
    db.close();
});

check("execute.boolean-and-date-arguments", async () => {
    const db = client();
    const date = new Date(Date.UTC(2024, 1, 29, 12, 30, 45, 123));
    const rs = await db.execute({ sql: "select ?, ?, typeof(?), ?", args: [true, false, true, date] });
    assert.deepEqual(Array.from(rs.rows[0]), [1, 0, "integer", date.getTime()]);
    db.close();
});

check("execute.named-arguments", async () => {
    const db = client();
    const rs = await db.execute({
        sql: "select :a, @b, $c, :a || '!'",
        args: { a: "first", b: 2, c: null },
    });
    assert.deepEqual(Array.from(rs.rows[0]), ["first", 2, null, "first!"]);
    const prefixed = await db.execute({ sql: "select :x + $y", args: { ":x": 40, "$y": 2 } });
    assert.equal(prefixed.rows[0][0], 42);
    const numbered = await db.execute({ sql: "select ?2, ?1, ?2", args: ["one", "two"] });
    assert.deepEqual(Array.from(numbered.rows[0]), ["two", "one", "two"]);
    db.close();
});

// ---------------------------------------------------------------------------------------------------
// Result sets

check("execute.result-set-metadata-and-counts", async () => {
    const db = client();
    const name = table("meta");
    const created = await db.execute(
        `create table ${name} (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score REAL, data BLOB, n NUMERIC)`);
    assert.equal(created.rowsAffected, 0);
    assert.equal(created.lastInsertRowid, undefined);

    const inserted = await db.execute({ sql: `insert into ${name} (name, score) values (?, ?)`, args: ["a", 1.5] });
    assert.equal(inserted.rowsAffected, 1);
    assert.equal(inserted.lastInsertRowid, 1n);
    const second = await db.execute({ sql: `insert into ${name} (id, name) values (?, ?)`, args: [10, "b"] });
    assert.equal(second.lastInsertRowid, 10n);
    const many = await db.execute(`insert into ${name} (name) values ('c'), ('d'), ('e')`);
    assert.equal(many.rowsAffected, 3);
    assert.equal(many.lastInsertRowid, 13n);

    const updated = await db.execute(`update ${name} set score = 2 where id >= 11`);
    assert.equal(updated.rowsAffected, 3);
    assert.equal(updated.lastInsertRowid, undefined, "sqld reports last_insert_rowid only for INSERT");
    const deleted = await db.execute(`delete from ${name} where id > 11`);
    assert.equal(deleted.rowsAffected, 2);

    const rs = await db.execute(`select id, name, score, data, n, id * 2 as twice from ${name} order by id`);
    assert.deepEqual(rs.columns, ["id", "name", "score", "data", "n", "twice"]);
    assert.deepEqual(rs.columnTypes, ["INTEGER", "TEXT", "REAL", "BLOB", "NUMERIC", ""]);
    assert.equal(rs.rowsAffected, 0);
    assert.equal(rs.lastInsertRowid, undefined);
    assert.equal(rs.rows.length, 3);
    assert.deepEqual(rs.rows.map((row) => row.id), [1, 10, 11]);
    assert.equal(rs.rows[1].name, "b");
    assert.equal(rs.rows[1][1], "b");
    assert.equal(rs.rows[1].length, 6);
    assert.equal(rs.rows[2].twice, 22);
    assert.deepEqual(rs.toJSON().columns, rs.columns);

    const empty = await db.execute(`select id, name from ${name} where 0`);
    assert.deepEqual(empty.columns, ["id", "name"], "columns are present with zero rows");
    assert.deepEqual(empty.columnTypes, ["INTEGER", "TEXT"]);
    assert.equal(empty.rows.length, 0);
    db.close();
});

check("execute.returning", async () => {
    const db = client();
    const name = table("returning");
    await db.execute(`create table ${name} (id integer primary key, v text)`);
    const rs = await db.execute({ sql: `insert into ${name} (v) values (?), (?) returning id, v`, args: ["x", "y"] });
    assert.deepEqual(rs.columns, ["id", "v"]);
    assert.deepEqual(rs.rows.map((row) => [row.id, row.v]), [[1, "x"], [2, "y"]]);
    assert.equal(rs.rowsAffected, 2);
    db.close();
});

check("execute.many-rows", async () => {
    const db = client();
    const rs = await db.execute(
        "with recursive n(i) as (select 1 union all select i + 1 from n where i < 20000) select i, 'row ' || i from n");
    assert.equal(rs.rows.length, 20000);
    assert.equal(rs.rows[19999][0], 20000);
    assert.equal(rs.rows[123][1], "row 124");
    db.close();
});

check("execute.each-call-is-its-own-stream", async () => {
    // execute() = [execute, close] on a fresh stream: connection state does not leak between calls.
    const db = client();
    const name = table("stream");
    await db.execute(`create table ${name} (id integer primary key)`);
    await db.execute(`insert into ${name} default values`);
    const rs = await db.execute("select last_insert_rowid(), changes()");
    assert.deepEqual(Array.from(rs.rows[0]), [0, 0]);
    db.close();
});

check("execute.response-too-large", async () => {
    // sqld refuses a statement result above --max-response-size (default 10 MB) in-band.
    const db = client();
    await expectLibsqlError(db.execute("select zeroblob(12000000)"), {
        code: "RESPONSE_TOO_LARGE",
        message: "RESPONSE_TOO_LARGE: Response is too large",
    });
    assert.equal((await db.execute("select 1")).rows[0][0], 1);
    db.close();
});

check("execute.parallel", async () => {
    const db = client();
    const results = await Promise.all(
        Array.from({ length: 25 }, (_, i) => db.execute({ sql: "select ? * 2", args: [i] })));
    assert.deepEqual(results.map((rs) => rs.rows[0][0]), Array.from({ length: 25 }, (_, i) => i * 2));
    db.close();
});

// ---------------------------------------------------------------------------------------------------
// Errors

check("error.unique-constraint", async () => {
    const db = client();
    const name = table("unique");
    await db.execute(`create table ${name} (id integer primary key, email text unique)`);
    await db.execute(`insert into ${name} values (1, 'a@example.org')`);
    await expectLibsqlError(db.execute(`insert into ${name} values (1, 'b@example.org')`), {
        code: "SQLITE_CONSTRAINT",
        message: `SQLITE_CONSTRAINT: SQLite error: UNIQUE constraint failed: ${name}.id`,
    });
    await expectLibsqlError(db.execute(`insert into ${name} values (2, 'a@example.org')`), {
        code: "SQLITE_CONSTRAINT",
        message: `SQLITE_CONSTRAINT: SQLite error: UNIQUE constraint failed: ${name}.email`,
    });
    assert.equal(await count(db, name), 1, "nothing written by the failed statements; the client stays usable");
    db.close();
});

check("error.not-null-constraint", async () => {
    const db = client();
    const name = table("notnull");
    await db.execute(`create table ${name} (id integer primary key, v text not null)`);
    await expectLibsqlError(db.execute({ sql: `insert into ${name} (v) values (?)`, args: [null] }), {
        code: "SQLITE_CONSTRAINT",
        message: `SQLITE_CONSTRAINT: SQLite error: NOT NULL constraint failed: ${name}.v`,
    });
    db.close();
});

check("error.check-constraint", async () => {
    const db = client();
    const name = table("check");
    await db.execute(`create table ${name} (score integer constraint score_positive check (score > 0))`);
    await expectLibsqlError(db.execute(`insert into ${name} values (-1)`), {
        code: "SQLITE_CONSTRAINT",
        message: "SQLITE_CONSTRAINT: SQLite error: CHECK constraint failed: score_positive",
    });
    db.close();
});

check("error.foreign-key-constraint", async () => {
    // PRAGMA foreign_keys is per connection (= per stream): executeMultiple runs both on one stream.
    const db = client();
    const parent = table("parent");
    const child = table("child");
    await db.execute(`create table ${parent} (id integer primary key)`);
    await db.execute(`create table ${child} (id integer primary key, parent_id integer references ${parent}(id))`);
    await expectLibsqlError(
        db.executeMultiple(`PRAGMA foreign_keys = ON; insert into ${child} values (1, 999);`), {
            code: "SQLITE_CONSTRAINT",
            message: "SQLITE_CONSTRAINT: SQLite error: FOREIGN KEY constraint failed",
        });
    assert.equal(await count(db, child), 0);
    db.close();
});

check("error.no-such-table", async () => {
    const db = client();
    await expectLibsqlError(db.execute("select * from cc_does_not_exist"), {
        code: "SQLITE_UNKNOWN",
        message: "SQLITE_UNKNOWN: SQLite error: no such table: cc_does_not_exist",
    });
    db.close();
});

check("error.no-such-column", async () => {
    // SQLite reports an error offset here, so sqld answers SQL_INPUT_ERROR (not SQLITE_UNKNOWN).
    const db = client();
    const name = table("nocolumn");
    await db.execute(`create table ${name} (id integer)`);
    await expectLibsqlError(db.execute(`select nope from ${name}`), {
        code: "SQL_INPUT_ERROR",
        message: "SQL_INPUT_ERROR: SQL input error: no such column: nope (at offset 7)",
    });
    db.close();
});

check("error.syntax", async () => {
    // sqld parses every statement before SQLite sees it: syntax errors are SQL_PARSE_ERROR.
    const db = client();
    await expectLibsqlError(db.execute("selec 1"), {
        code: "SQL_PARSE_ERROR",
        messageIncludes: "SQL_PARSE_ERROR: SQL string could not be parsed: ",
    });
    db.close();
});

check("error.many-statements-in-execute", async () => {
    const db = client();
    await expectLibsqlError(db.execute("select 1; select 2"), {
        code: "SQL_MANY_STATEMENTS",
        message: "SQL_MANY_STATEMENTS: SQL string contains more than one statement",
    });
    db.close();
});

check("error.empty-statement", async () => {
    const db = client();
    await expectLibsqlError(db.execute(""), {
        code: "SQL_NO_STATEMENT",
        message: "SQL_NO_STATEMENT: SQL string does not contain any statement",
    });
    db.close();
});

check("error.wrong-argument-count", async () => {
    const db = client();
    for (const args of [[1], [1, 2, 3]]) {
        await expectLibsqlError(db.execute({ sql: "select ?, ?", args }), {
            code: "ARGS_INVALID",
            messageIncludes: "ARGS_INVALID: Arguments do not match SQL parameters: ",
        });
    }
    db.close();
});

// ---------------------------------------------------------------------------------------------------
// Batches

check("batch.write", async () => {
    const db = client("bigint");
    const name = table("batch_write");
    const results = await db.batch([
        `create table ${name} (id integer primary key, v text)`,
        { sql: `insert into ${name} (v) values (?)`, args: ["one"] },
        { sql: `insert into ${name} (v) values (?)`, args: ["two"] },
        [`insert into ${name} (v) values (?)`, ["three"]],
        `select id, v from ${name} order by id`,
    ], "write");
    assert.equal(results.length, 5);
    assert.deepEqual(results.slice(1, 4).map((rs) => rs.rowsAffected), [1, 1, 1]);
    assert.deepEqual(results.slice(1, 4).map((rs) => rs.lastInsertRowid), [1n, 2n, 3n]);
    assert.deepEqual(results[4].rows.map((row) => row.v), ["one", "two", "three"]);
    assert.equal(await count(db, name), 3);
    db.close();
});

check("batch.read", async () => {
    const db = client();
    const name = table("batch_read");
    await db.batch([`create table ${name} (v integer)`, `insert into ${name} values (1), (2)`], "write");
    const results = await db.batch([`select sum(v) from ${name}`, "select 'x'"], "read");
    assert.deepEqual(results.map((rs) => rs.rows[0][0]), [3, "x"]);
    db.close();
});

check("batch.read-mode-begins-like-deferred", async () => {
    // "read" sends BEGIN TRANSACTION READONLY; libSQL parses READONLY as a DEFERRED transaction, so sqld
    // (a primary) accepts it and does not refuse writes inside it.
    const db = client();
    const name = table("batch_readonly");
    await db.execute(`create table ${name} (v integer)`);
    const results = await db.batch([`insert into ${name} values (1)`, `select count(*) from ${name}`], "read");
    assert.equal(results[1].rows[0][0], 1);
    assert.equal(await count(db, name), 1);
    db.close();
});

check("batch.deferred", async () => {
    const db = client();
    const name = table("batch_deferred");
    const results = await db.batch([
        `create table ${name} (v integer)`,
        `insert into ${name} values (1)`,
        `select count(*) from ${name}`,
    ], "deferred");
    assert.equal(results[2].rows[0][0], 1);
    const defaults = await db.batch([`select count(*) from ${name}`]);
    assert.equal(defaults[0].rows[0][0], 1);
    db.close();
});

check("batch.failure-rolls-back-everything", async () => {
    const db = client();
    const name = table("batch_atomic");
    await db.execute(`create table ${name} (id integer primary key)`);
    await expectLibsqlError(db.batch([
        `insert into ${name} values (1)`,
        `insert into ${name} values (1)`,
        `insert into ${name} values (2)`,
    ], "write"), {
        batchError: true,
        statementIndex: 1,
        code: "SQLITE_CONSTRAINT",
        // LibsqlBatchError prefixes the code to an already prefixed message (client behaviour).
        message: `SQLITE_CONSTRAINT: SQLITE_CONSTRAINT: SQLite error: UNIQUE constraint failed: ${name}.id`,
    });
    assert.equal(await count(db, name), 0);
    // The write lock was released: the next write goes through.
    await db.batch([`insert into ${name} values (3)`], "write");
    assert.equal(await count(db, name), 1);
    db.close();
});

check("batch.same-sql-many-times", async () => {
    // The client stores repeated SQL once per stream (store_sql) and sends sql_id references.
    const db = client();
    const name = table("batch_sqlid");
    await db.execute(`create table ${name} (i integer, s text)`);
    const statements = Array.from({ length: 200 }, (_, i) => ({ sql: `insert into ${name} values (?, ?)`, args: [i, `s${i}`] }));
    const results = await db.batch(statements, "write");
    assert.equal(results.length, 200);
    const rs = await db.execute(`select count(*), sum(i), max(s) from ${name}`);
    assert.deepEqual(Array.from(rs.rows[0]), [200, 19900, "s99"]);
    db.close();
});

check("batch.many-distinct-sql-texts", async () => {
    // 45 distinct texts: more than the client's SQL cache (30, evicting with close_sql), fewer than sqld's 50.
    const db = client();
    const statements = Array.from({ length: 45 }, (_, i) => `select ${i} as v${i}`);
    const results = await db.batch(statements, "read");
    assert.deepEqual(results.map((rs, i) => rs.rows[0][`v${i}`]), Array.from({ length: 45 }, (_, i) => i));
    db.close();
});

check("batch.long-sql", async () => {
    // SQL of 5000+ characters is sent inline, not stored.
    const db = client();
    const list = Array.from({ length: 1500 }, (_, i) => i).join(", ");
    const sql = `select 1499 in (${list}) as found, '${"x".repeat(500)}' as padding`;
    assert.ok(sql.length > 5000);
    const results = await db.batch([sql, sql], "read");
    assert.equal(results[1].rows[0].found, 1);
    assert.equal(results[1].rows[0].padding.length, 500);
    db.close();
});

check("batch.thousand-statements", async () => {
    const db = client();
    const name = table("batch_big");
    const statements = [`create table ${name} (i integer)`];
    for (let i = 0; i < 1000; i++) {
        statements.push({ sql: `insert into ${name} values (?)`, args: [i] });
    }
    statements.push(`select count(*), sum(i) from ${name}`);
    const results = await db.batch(statements, "write");
    assert.equal(results.length, 1002);
    assert.deepEqual(Array.from(results[1001].rows[0]), [1000, 499500]);
    db.close();
});

check("batch.empty", async () => {
    const db = client();
    assert.deepEqual(await db.batch([], "write"), []);
    db.close();
});

// ---------------------------------------------------------------------------------------------------
// Interactive transactions

check("transaction.commit", async () => {
    const db = client();
    const name = table("tx_commit");
    await db.execute(`create table ${name} (v text)`);
    const tx = await db.transaction("write");
    try {
        const inserted = await tx.execute({ sql: `insert into ${name} values (?)`, args: ["kept"] });
        assert.equal(inserted.rowsAffected, 1);
        const inside = await tx.execute(`select v from ${name}`);
        assert.deepEqual(inside.rows.map((row) => row.v), ["kept"]);
        assert.equal(await count(db, name), 0, "uncommitted row invisible to another stream");
        const rowid = await tx.execute("select last_insert_rowid()");
        assert.equal(rowid.rows[0][0], 1, "same connection for the whole transaction");
        await tx.commit();
        assert.equal(tx.closed, true);
    } finally {
        tx.close();
    }
    assert.equal(await count(db, name), 1);
    db.close();
});

check("transaction.rollback", async () => {
    const db = client();
    const name = table("tx_rollback");
    await db.execute(`create table ${name} (v text)`);
    const tx = await db.transaction("write");
    try {
        await tx.execute(`insert into ${name} values ('gone')`);
        await tx.execute(`insert into ${name} values ('also gone')`);
        assert.equal((await tx.execute(`select count(*) from ${name}`)).rows[0][0], 2);
        await tx.rollback();
        assert.equal(tx.closed, true);
    } finally {
        tx.close();
    }
    assert.equal(await count(db, name), 0);
    db.close();
});

check("transaction.error-keeps-transaction-open", async () => {
    const db = client();
    const name = table("tx_error");
    await db.execute(`create table ${name} (id integer primary key)`);
    const tx = await db.transaction("write");
    try {
        await tx.execute(`insert into ${name} values (1)`);
        // Transaction.execute() is a one-statement batch: the client raises a LibsqlBatchError.
        await expectLibsqlError(tx.execute(`insert into ${name} values (1)`), {
            batchError: true,
            statementIndex: 0,
            code: "SQLITE_CONSTRAINT",
            message: `SQLITE_CONSTRAINT: SQLITE_CONSTRAINT: SQLite error: UNIQUE constraint failed: ${name}.id`,
        });
        assert.equal(tx.closed, false);
        await tx.execute(`insert into ${name} values (2)`);
        await tx.commit();
    } finally {
        tx.close();
    }
    const rs = await db.execute(`select id from ${name} order by id`);
    assert.deepEqual(rs.rows.map((row) => row.id), [1, 2]);
    db.close();
});

check("transaction.batch-and-execute-multiple", async () => {
    const db = client();
    const name = table("tx_batch");
    await db.execute(`create table ${name} (v integer)`);
    const tx = await db.transaction("write");
    try {
        const results = await tx.batch([`insert into ${name} values (1)`, `insert into ${name} values (2)`]);
        assert.deepEqual(results.map((rs) => rs.rowsAffected), [1, 1]);
        await tx.executeMultiple(`insert into ${name} values (3); insert into ${name} values (4);`);
        assert.equal((await tx.execute(`select sum(v) from ${name}`)).rows[0][0], 10);
        await tx.commit();
    } finally {
        tx.close();
    }
    assert.equal(await count(db, name), 4);
    db.close();
});

check("transaction.read", async () => {
    const db = client();
    const name = table("tx_read");
    await db.batch([`create table ${name} (v integer)`, `insert into ${name} values (5)`], "write");
    const tx = await db.transaction("read");
    try {
        assert.equal((await tx.execute(`select v from ${name}`)).rows[0][0], 5);
        assert.equal((await tx.execute("select 1")).rows[0][0], 1);
        await tx.commit();
    } finally {
        tx.close();
    }
    db.close();
});

check("transaction.deferred", async () => {
    const db = client();
    const name = table("tx_deferred");
    await db.execute(`create table ${name} (v integer)`);
    const tx = await db.transaction("deferred");
    try {
        assert.equal((await tx.execute(`select count(*) from ${name}`)).rows[0][0], 0);
        await tx.execute(`insert into ${name} values (1)`);
        await tx.commit();
    } finally {
        tx.close();
    }
    assert.equal(await count(db, name), 1);
    db.close();
});

check("transaction.close-rolls-back-and-releases-the-lock", async () => {
    // Closing the stream of an open transaction (no COMMIT) must roll it back and free the write lock.
    const db = client();
    const name = table("tx_close");
    await db.execute(`create table ${name} (v integer)`);
    const tx = await db.transaction("write");
    await tx.execute(`insert into ${name} values (1)`);
    tx.close();
    assert.equal(tx.closed, true);
    await requestsSettled(); // the client sends `close` in the background
    await db.batch([`insert into ${name} values (2)`], "write");
    const rs = await db.execute(`select v from ${name}`);
    assert.deepEqual(rs.rows.map((row) => row.v), [2]);
    db.close();
});

check("transaction.sequential-writers", async () => {
    const db = client();
    const name = table("tx_seq");
    await db.execute(`create table ${name} (v integer)`);
    for (let i = 0; i < 5; i++) {
        const tx = await db.transaction("write");
        try {
            await tx.execute({ sql: `insert into ${name} values (?)`, args: [i] });
            await tx.commit();
        } finally {
            tx.close();
        }
    }
    assert.equal(await count(db, name), 5);
    db.close();
});

check("transaction.second-writer-waits-for-the-lock", async () => {
    // Like sqld, the server makes a second writer wait for the write lock instead of failing it.
    const db = client();
    const name = table("tx_wait");
    await db.execute(`create table ${name} (v text)`);
    const first = await db.transaction("write");
    const second = await db.transaction("write");
    try {
        await first.execute(`insert into ${name} values ('first')`);
        const waiting = second.execute(`insert into ${name} values ('second')`);
        await first.commit();
        await waiting;
        await second.commit();
    } finally {
        first.close();
        second.close();
    }
    const rs = await db.execute(`select v from ${name} order by rowid`);
    assert.deepEqual(rs.rows.map((row) => row.v), ["first", "second"]);
    db.close();
});

// ---------------------------------------------------------------------------------------------------
// migrate() and executeMultiple()

check("migrate", async () => {
    // migrate() runs the batch with foreign keys off (PRAGMA foreign_keys=off/on around BEGIN..COMMIT).
    const db = client();
    const parent = table("mig_parent");
    const child = table("mig_child");
    const results = await db.migrate([
        `create table ${parent} (id integer primary key, name text)`,
        `create table ${child} (id integer primary key, parent_id integer not null references ${parent}(id))`,
        `insert into ${child} values (1, 42)`,
        `insert into ${parent} values (42, 'late parent')`,
        `select count(*) from ${child}`,
    ]);
    assert.equal(results.length, 5);
    assert.equal(results[4].rows[0][0], 1);
    const joined = await db.execute(`select p.name from ${child} c join ${parent} p on p.id = c.parent_id`);
    assert.equal(joined.rows[0][0], "late parent");
    await expectLibsqlError(db.migrate([`insert into ${parent} values (42, 'duplicate')`]), {
        batchError: true,
        statementIndex: 0,
        code: "SQLITE_CONSTRAINT",
    });
    db.close();
});

check("executeMultiple", async () => {
    const db = client();
    const name = table("multi");
    await db.executeMultiple(`
        -- a script with comments, blank statements and a trailing semicolon
        create table ${name} (id integer primary key, v text);
        insert into ${name} (v) values ('a');
        insert into ${name} (v) values ('b;c');
        update ${name} set v = v || '!' where id = 1;
        select * from ${name};
    `);
    const rs = await db.execute(`select v from ${name} order by id`);
    assert.deepEqual(rs.rows.map((row) => row.v), ["a!", "b;c"]);
    db.close();
});

check("executeMultiple.stops-at-first-error", async () => {
    const db = client();
    const name = table("multi_error");
    await db.execute(`create table ${name} (id integer primary key)`);
    await expectLibsqlError(db.executeMultiple(
        `insert into ${name} values (1); insert into ${name} values (1); insert into ${name} values (3);`), {
        code: "SQLITE_CONSTRAINT",
        message: `SQLITE_CONSTRAINT: SQLite error: UNIQUE constraint failed: ${name}.id`,
    });
    const rs = await db.execute(`select id from ${name}`);
    assert.deepEqual(rs.rows.map((row) => row.id), [1], "no implicit transaction: the first insert stays");
    db.close();
});

// ---------------------------------------------------------------------------------------------------
// Server-side events (only with --controlled)

check("transaction.idle-stream-expires", async () => {
    const db = client();
    const name = table("tx_expiry");
    await db.execute(`create table ${name} (v integer)`);
    const tx = await db.transaction("write");
    try {
        await tx.execute(`insert into ${name} values (1)`);
        await controller("expire-idle-streams");
        // sqld: 400 with an application/json Hrana error body.
        await expectLibsqlError(tx.execute("select 1"), {
            code: "STREAM_EXPIRED",
            message: "STREAM_EXPIRED: The stream has expired due to inactivity",
        });
        assert.equal(tx.closed, true, "the client gives up the expired stream");
    } finally {
        tx.close();
    }
    await requestsSettled();
    await db.batch([`insert into ${name} values (2)`], "write");
    const rs = await db.execute(`select v from ${name}`);
    assert.deepEqual(rs.rows.map((row) => row.v), [2], "the expired transaction was rolled back");
    db.close();
}, { controlled: true });

check("server.restart-invalidates-open-transactions", async () => {
    const db = client();
    const name = table("restart");
    await db.execute(`create table ${name} (v integer)`);
    const tx = await db.transaction("write");
    try {
        await tx.execute(`insert into ${name} values (1)`);
        await controller("restart-server");
        // sqld: a baton signed with the old key is a protocol error: HTTP 400.
        const error = await expectLibsqlError(tx.execute("select 1"), { code: "SERVER_ERROR" });
        assert.equal(error.cause?.status, 400, `HTTP status (message: ${error.message})`);
    } finally {
        tx.close();
    }
    await requestsSettled();
    assert.equal(await count(db, name), 0, "the transaction cut by the restart left nothing behind");
    await db.execute(`insert into ${name} values (2)`);
    assert.equal(await count(db, name), 1, "same URL works after the restart");
    db.close();
}, { controlled: true });

check("server.protocol-error-body-reaches-the-user", async () => {
    // sqld answers protocol errors with "Content-Type: text/plain" exactly; @libsql/hrana-client quotes
    // the body only for exactly that type, so the user reads why the request was refused.
    const db = client();
    const tx = await db.transaction("write");
    try {
        await tx.execute("select 1");
        await controller("restart-server");
        await expectLibsqlError(tx.execute("select 1"), {
            code: "SERVER_ERROR",
            message: "SERVER_ERROR: Server returned HTTP status 400: Received an invalid baton",
        });
    } finally {
        tx.close();
    }
    db.close();
}, { controlled: true });

// ---------------------------------------------------------------------------------------------------
// Namespaces (only with --namespace-url)

if (options.namespaceUrl !== undefined) {
    check("namespace.separate-database", async () => {
        const main = client();
        const other = createClient({ url: options.namespaceUrl, authToken, fetch: trackedFetch });
        const name = table("namespace");
        await other.batch([`create table ${name} (v text)`, `insert into ${name} values ('in the namespace')`], "write");
        assert.equal((await other.execute(`select v from ${name}`)).rows[0][0], "in the namespace");
        await expectLibsqlError(main.execute(`select v from ${name}`), {
            code: "SQLITE_UNKNOWN",
            message: `SQLITE_UNKNOWN: SQLite error: no such table: ${name}`,
        });
        const tx = await other.transaction("write");
        try {
            await tx.execute(`insert into ${name} values ('second')`);
            await tx.commit();
        } finally {
            tx.close();
        }
        assert.equal(await count(other, name), 2);
        main.close();
        other.close();
    });
}

// ---------------------------------------------------------------------------------------------------
// Authentication (only when the server requires a token)

if (authToken !== undefined) {
    check("auth.wrong-or-missing-token-is-401", async () => {
        for (const token of ["wrong-token", undefined]) {
            const label = token === undefined ? "no token" : "a wrong token";
            const db = clientWithToken(token);
            // sqld: 401 with {"error": ...} as application/json; without a "message" field the client
            // reports the status only.
            const error = await expectLibsqlError(db.execute("select 1"), {
                code: "SERVER_ERROR",
                message: "SERVER_ERROR: Server returned HTTP status 401",
            }).catch((e) => {
                e.message = `with ${label}: ${e.message}`;
                throw e;
            });
            assert.equal(error.cause?.status, 401);
            assert.ok(!error.message.includes(authToken), "the real token never appears in messages");
            db.close();
        }
    });
}

// ---------------------------------------------------------------------------------------------------
// Runner

function parseArguments(argv) {
    const result = { url: undefined, namespaceUrl: undefined, only: undefined, list: false, controlled: false };
    for (let i = 0; i < argv.length; i++) {
        const argument = argv[i];
        if (argument === "--url") {
            result.url = argv[++i];
        } else if (argument === "--namespace-url") {
            result.namespaceUrl = argv[++i];
        } else if (argument === "--only") {
            result.only = argv[++i];
        } else if (argument === "--list") {
            result.list = true;
        } else if (argument === "--controlled") {
            result.controlled = true;
        } else {
            usage(`unknown argument ${argument}`);
        }
    }
    if (!result.list && !result.url) {
        usage("--url is required");
    }
    return result;
}

function usage(problem) {
    process.stderr.write(`client-conformance.mjs: ${problem}\n`
        + "usage: node client-conformance.mjs --url http://127.0.0.1:PORT [--namespace-url URL/] [--only PREFIX] [--list] [--controlled]\n");
    process.exit(2);
}

function emit(object) {
    process.stdout.write(JSON.stringify(object, (_, value) => (typeof value === "bigint" ? `${value}n` : value)) + "\n");
}

function describe(error) {
    const details = {};
    if (error instanceof LibsqlError) {
        details.code = error.code;
        if (error instanceof LibsqlBatchError) {
            details.statementIndex = error.statementIndex;
        }
    }
    if (error?.cause !== undefined) {
        details.cause = `${error.cause?.name}: ${error.cause?.message}`;
    }
    if (error instanceof assert.AssertionError && error.actual !== undefined) {
        details.actual = error.actual;
        details.expected = error.expected;
    }
    return details;
}

async function main() {
    const selected = checks.filter((c) => (options.only === undefined || c.name.startsWith(options.only))
        && (options.controlled || !c.controlled));
    if (options.list) {
        for (const c of selected) {
            emit({ check: c.name });
        }
        return 0;
    }
    const summary = { passed: 0, failed: 0, knownGaps: 0, total: selected.length };
    for (const c of selected) {
        const started = performance.now();
        const postsBefore = postCount;
        try {
            await c.fn();
            await requestsSettled();
            summary.passed += 1;
            emit({ check: c.name, status: "passed", ms: Math.round(performance.now() - started), posts: postCount - postsBefore });
        } catch (error) {
            const gap = KNOWN_GAPS.get(c.name);
            const status = gap === undefined ? "failed" : "known-gap";
            if (gap === undefined) {
                summary.failed += 1;
            } else {
                summary.knownGaps += 1;
            }
            await requestsSettled();
            emit({
                check: c.name,
                status,
                ms: Math.round(performance.now() - started),
                posts: postCount - postsBefore,
                error: `${error?.name ?? "Error"}: ${error?.message ?? String(error)}`,
                ...(gap === undefined ? {} : { knownGap: gap }),
                details: describe(error),
            });
        }
    }
    emit({ summary });
    return summary.failed === 0 ? 0 : 1;
}

main().then(
    (code) => {
        process.exitCode = code;
    },
    (error) => {
        process.stderr.write(`client-conformance.mjs crashed: ${error?.stack ?? error}\n`);
        process.exitCode = 1;
    }).finally(() => {
        // An open stdin reader would keep the process alive.
        controllerInput?.return();
        process.stdin.destroy();
    });
