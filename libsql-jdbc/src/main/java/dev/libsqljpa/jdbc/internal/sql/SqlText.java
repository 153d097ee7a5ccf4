package dev.libsqljpa.jdbc.internal.sql;

import dev.libsqljpa.hrana.v3.proto.NamedArg;
import dev.libsqljpa.hrana.v3.proto.Stmt;
import dev.libsqljpa.hrana.v3.proto.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lexical facts about one SQL statement, computed once per statement text without a round trip:
 * the number of parameters (SQLite rules: {@code ?}, {@code ?NNN}, {@code :name}, {@code @name},
 * {@code $name}; a repeated name is one parameter) and what kind of statement it is.
 * Quotes ({@code '…'}, {@code "…"}, {@code `…`}, {@code […]}) and comments are skipped.
 */
public final class SqlText {

    /**
     * The statement's leading keyword class; for a statement with a WITH clause, the keyword after its
     * CTE list.
     */
    public enum Kind {
        /** SELECT, VALUES, EXPLAIN, read-only PRAGMA: never writes. */
        QUERY,
        /** INSERT or REPLACE: may generate keys. */
        INSERT,
        /** UPDATE, DELETE. */
        DML,
        /** BEGIN, COMMIT, END, ROLLBACK, SAVEPOINT, RELEASE. */
        TRANSACTION,
        /** Anything else (DDL, PRAGMA with a value, ATTACH, …). */
        OTHER
    }

    private final String sql;
    private final int parameterCount;
    private final Kind kind;
    private final boolean hasReturning;
    /** Parameter names with their prefix by index - 1 (null for {@code ?}), or null when none is named. */
    private final String[] parameterNames;

    private final boolean singleRowInsert;
    private final boolean readsTablePragma;

    private SqlText(
            String sql,
            int parameterCount,
            Kind kind,
            boolean hasReturning,
            String[] parameterNames,
            boolean singleRowInsert,
            boolean readsTablePragma) {
        this.singleRowInsert = singleRowInsert;
        this.readsTablePragma = readsTablePragma;
        this.sql = sql;
        this.parameterCount = parameterCount;
        this.kind = kind;
        this.hasReturning = hasReturning;
        this.parameterNames = parameterNames;
    }

    /**
     * The statement with its arguments (index order). sqld binds {@code :name}, {@code @name} and
     * {@code $name} parameters only from named arguments, while minimal servers (tursodb) ignore
     * named arguments and bind everything by position: named parameters are sent by name exactly
     * when the server has streams.
     */
    public Stmt toStmt(List<Value> args, boolean namedArgumentsSupported, boolean wantRows) {
        if (parameterNames == null || !namedArgumentsSupported || args.isEmpty()) {
            return new Stmt(sql, null, args, List.of(), wantRows, null);
        }
        List<NamedArg> named = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            String name = i < parameterNames.length && parameterNames[i] != null ? parameterNames[i] : "?" + (i + 1);
            named.add(new NamedArg(name, args.get(i)));
        }
        return new Stmt(sql, null, List.of(), named, wantRows, null);
    }

    public static SqlText of(String sql) {
        int n = sql.length();
        int positional = 0;
        int maxIndex = 0;
        Map<String, Integer> names = new LinkedHashMap<>();
        StringBuilder words = new StringBuilder();
        boolean quotedPragmaCall = false;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int opaqueEnd = skipOpaque(sql, i);
            if (opaqueEnd > i) {
                quotedPragmaCall |= isQuotedPragmaCall(sql, i, opaqueEnd);
                i = opaqueEnd;
                words.append(' ');
            } else if (c == '?') {
                int j = i + 1;
                while (j < n && Character.isDigit(sql.charAt(j))) {
                    j++;
                }
                if (j > i + 1) {
                    int index = Integer.parseInt(sql.substring(i + 1, Math.min(j, i + 7)));
                    maxIndex = Math.max(maxIndex, index);
                    positional = Math.max(positional, index);
                } else {
                    positional = Math.max(positional, maxIndex) + 1;
                    maxIndex = positional;
                }
                i = j;
                words.append(' ');
            } else if ((c == ':' || c == '@' || c == '$') && i + 1 < n && isNameStart(sql.charAt(i + 1))) {
                int j = i + 1;
                while (j < n && isNamePart(sql.charAt(j))) {
                    j++;
                }
                String name = sql.substring(i, j);
                if (!names.containsKey(name)) {
                    maxIndex++;
                    positional = maxIndex;
                    names.put(name, maxIndex);
                }
                i = j;
                words.append(' ');
            } else {
                words.append(c);
                i++;
            }
        }
        String upper = words.toString().toUpperCase(Locale.ROOT);
        int count = Math.max(positional, maxIndex);
        String[] parameterNames = null;
        if (!names.isEmpty()) {
            parameterNames = new String[count];
            for (Map.Entry<String, Integer> entry : names.entrySet()) {
                parameterNames[entry.getValue() - 1] = entry.getKey();
            }
        }
        return new SqlText(
                sql,
                count,
                classify(upper),
                containsWord(upper, "RETURNING"),
                parameterNames,
                isSingleRowInsert(upper),
                quotedPragmaCall || callsPragmaFunction(upper));
    }

    private static final String PRAGMA_FUNCTION_PREFIX = "PRAGMA_";

    /**
     * Whether {@code upper} (literals, quoted names and comments blanked out) calls a table-valued
     * pragma function: a name starting with {@code pragma_} followed by {@code (}.
     */
    private static boolean callsPragmaFunction(String upper) {
        int at = upper.indexOf(PRAGMA_FUNCTION_PREFIX);
        while (at >= 0) {
            if (at == 0 || !isNamePart(upper.charAt(at - 1))) {
                int j = at + PRAGMA_FUNCTION_PREFIX.length();
                while (j < upper.length() && isNamePart(upper.charAt(j))) {
                    j++;
                }
                if (nextIsParenthesis(upper, j)) {
                    return true;
                }
            }
            at = upper.indexOf(PRAGMA_FUNCTION_PREFIX, at + 1);
        }
        return false;
    }

    /**
     * Whether the quoted token from {@code start} to {@code end} names a table-valued pragma function
     * in a call: SQLite (and tursodb) take a quoted name, even a single-quoted one, as the function
     * name in {@code from "pragma_table_info"('t')}. A comment never counts.
     */
    private static boolean isQuotedPragmaCall(String sql, int start, int end) {
        char c = sql.charAt(start);
        boolean quoted = c == '\'' || c == '"' || c == '`' || c == '[';
        return quoted
                && sql.regionMatches(true, start + 1, PRAGMA_FUNCTION_PREFIX, 0, PRAGMA_FUNCTION_PREFIX.length())
                && nextIsParenthesis(sql, end);
    }

    /** Whether the first character from {@code from} on that is not blank or in a comment is {@code (}. */
    private static boolean nextIsParenthesis(String sql, int from) {
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' || c == '/') {
                int end = skipOpaque(sql, i);
                if (end == i) {
                    return false;
                }
                i = end;
            } else {
                return c == '(';
            }
        }
        return false;
    }

    /**
     * Where the quoted name, string literal or comment starting at {@code i} ends (exclusive), or
     * {@code i} when none starts there; an unterminated one runs to the end of the text.
     */
    private static int skipOpaque(String sql, int i) {
        int n = sql.length();
        char c = sql.charAt(i);
        if (c == '\'' || c == '"' || c == '`') {
            int end = sql.indexOf(c, i + 1);
            while (end >= 0 && end + 1 < n && sql.charAt(end + 1) == c) {
                end = sql.indexOf(c, end + 2);
            }
            return end < 0 ? n : end + 1;
        } else if (c == '[') {
            int end = sql.indexOf(']', i + 1);
            return end < 0 ? n : end + 1;
        } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
            int end = sql.indexOf('\n', i);
            return end < 0 ? n : end + 1;
        } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
            int end = sql.indexOf("*/", i + 2);
            return end < 0 ? n : end + 2;
        }
        return i;
    }

    /**
     * {@code INSERT INTO t [(cols)] VALUES (…)} with exactly one row and nothing that can make it
     * insert zero rows or return rows: no {@code OR …}, {@code ON CONFLICT}, {@code RETURNING},
     * {@code SELECT}, {@code DEFAULT VALUES} or {@code WITH}. {@code upper} has literals and
     * parameters blanked out.
     */
    private static boolean isSingleRowInsert(String upper) {
        if (!firstWord(upper, 0).equals("INSERT")) {
            return false;
        }
        int afterInsert = upper.indexOf("INSERT") + "INSERT".length();
        if (!firstWord(upper, afterInsert).equals("INTO")) {
            return false;
        }
        for (String word : new String[] {"CONFLICT", "RETURNING", "SELECT", "DEFAULT", "WITH", "REPLACE", "IGNORE"}) {
            if (containsWord(upper, word)) {
                return false;
            }
        }
        int values = upper.indexOf("VALUES");
        if (values < 0 || upper.indexOf("VALUES", values + 1) >= 0) {
            return false;
        }
        int i = values + "VALUES".length();
        while (i < upper.length() && Character.isWhitespace(upper.charAt(i))) {
            i++;
        }
        if (i >= upper.length() || upper.charAt(i) != '(') {
            return false;
        }
        int depth = 0;
        for (; i < upper.length(); i++) {
            char c = upper.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    break;
                }
            }
        }
        if (depth != 0) {
            return false;
        }
        String rest = upper.substring(i + 1).trim();
        return rest.isEmpty() || rest.equals(";");
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static Kind classify(String upper) {
        String first = firstWord(upper, 0);
        return switch (first) {
            case "EXPLAIN" -> Kind.QUERY;
            case "PRAGMA" -> upper.contains("=") ? Kind.OTHER : Kind.QUERY;
            case "BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE" -> Kind.TRANSACTION;
            case "WITH" -> statementKind(keywordAfterCtes(upper, upper.indexOf(first) + first.length()));
            default -> statementKind(first);
        };
    }

    /** The kind a statement's leading keyword (after any WITH clause) gives it. */
    private static Kind statementKind(String keyword) {
        return switch (keyword) {
            case "SELECT", "VALUES" -> Kind.QUERY;
            case "INSERT", "REPLACE" -> Kind.INSERT;
            case "UPDATE", "DELETE" -> Kind.DML;
            default -> Kind.OTHER;
        };
    }

    /**
     * The statement's own keyword after the CTE list that starts at {@code from}: the first word outside
     * parentheses that directly follows a parenthesis closing at the top level, other than {@code AS}
     * (that one closed a column list). {@code [RECURSIVE] name [(columns)] AS [NOT] [MATERIALIZED]
     * (body), …} puts only names and those keywords outside parentheses, so words inside the CTE
     * bodies ({@code replace(…)}, a nested {@code select}) and the CTE names (SQLite accepts
     * {@code replace} as one) never count. Empty when there is none (malformed SQL).
     */
    private static String keywordAfterCtes(String upper, int from) {
        int depth = 0;
        boolean afterBody = false;
        int i = from;
        while (i < upper.length()) {
            char c = upper.charAt(i);
            if (c == '(') {
                depth++;
                afterBody = false;
            } else if (c == ')') {
                depth--;
                afterBody = depth == 0;
            } else if (depth == 0 && Character.isLetter(c)) {
                int end = i;
                while (end < upper.length() && isNamePart(upper.charAt(end))) {
                    end++;
                }
                String word = upper.substring(i, end);
                if (afterBody && !word.equals("AS")) {
                    return word;
                }
                afterBody = false;
                i = end;
                continue;
            } else if (depth == 0 && !Character.isWhitespace(c)) {
                afterBody = false;
            }
            i++;
        }
        return "";
    }

    private static String firstWord(String upper, int from) {
        int i = from;
        while (i < upper.length() && !Character.isLetter(upper.charAt(i))) {
            i++;
        }
        int j = i;
        while (j < upper.length() && Character.isLetter(upper.charAt(j))) {
            j++;
        }
        return upper.substring(i, j);
    }

    private static boolean containsWord(String upper, String word) {
        int at = upper.indexOf(word);
        while (at >= 0) {
            boolean startOk =
                    at == 0 || !Character.isLetterOrDigit(upper.charAt(at - 1)) && upper.charAt(at - 1) != '_';
            int end = at + word.length();
            boolean endOk =
                    end >= upper.length() || !Character.isLetterOrDigit(upper.charAt(end)) && upper.charAt(end) != '_';
            if (startOk && endOk) {
                return true;
            }
            at = upper.indexOf(word, at + 1);
        }
        return false;
    }

    public String sql() {
        return sql;
    }

    /**
     * Whether the statement is exactly {@code select last_insert_rowid()} (any case and spacing,
     * optional {@code ;}). Hibernate's SQLite identity support sends it as a separate statement;
     * over HTTP it may land on a new stream (where SQLite answers 0), so the driver answers it
     * from the connection's last INSERT without a round trip.
     */
    public boolean isLastInsertRowidQuery() {
        // Runs for every statement: one pass over the characters, no regular expression, no copies.
        int matched = 0;
        boolean semicolon = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B') {
                continue;
            }
            if (semicolon) {
                return false;
            }
            if (matched == LAST_INSERT_ROWID_QUERY.length()) {
                if (c != ';') {
                    return false;
                }
                semicolon = true;
                continue;
            }
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (lower != LAST_INSERT_ROWID_QUERY.charAt(matched)) {
                return false;
            }
            matched++;
        }
        return matched == LAST_INSERT_ROWID_QUERY.length();
    }

    private static final String LAST_INSERT_ROWID_QUERY = "selectlast_insert_rowid()";

    /** Number of parameters to bind (the highest parameter index). */
    public int parameterCount() {
        return parameterCount;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the statement has a RETURNING clause (its rows are the generated keys). */
    public boolean hasReturning() {
        return hasReturning;
    }

    /** A plain single-row {@code INSERT INTO … VALUES (…)}: inserts exactly one row when it succeeds. */
    public boolean isSingleRowInsert() {
        return singleRowInsert;
    }

    /**
     * Whether the statement reads a table-valued pragma ({@code pragma_table_info(…)} and the other
     * {@code pragma_…(…)} functions) outside strings and comments. On tursodb 0.7.0 such a statement
     * run in auto-commit mode keeps later auto-commit writes out of the log (docs/servers.md,
     * "Durability"), so the driver gives it a transaction of its own there.
     */
    public boolean readsTablePragma() {
        return readsTablePragma;
    }

    /** Whether executing the statement can change the database. */
    public boolean mayWrite() {
        return kind != Kind.QUERY;
    }
}
