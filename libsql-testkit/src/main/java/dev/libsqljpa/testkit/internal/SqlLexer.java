package dev.libsqljpa.testkit.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A small SQLite lexer: splits SQL text into statements (sqld answers {@code SQL_NO_STATEMENT} and
 * {@code SQL_MANY_STATEMENTS} from its own parser; sqlite-jdbc silently ignores everything after the
 * first statement), finds parameter names and classifies statements the way sqld does (INSERT /
 * UPDATE / DELETE for {@code affected_row_count}, INSERT for {@code last_insert_rowid}, read-only and
 * write-lock statements). Syntax errors are left to SQLite's own parser.
 */
public final class SqlLexer {

    private SqlLexer() {}

    /** What kind of statement a text is, as far as the server needs to know. */
    public enum Kind {
        SELECT,
        INSERT,
        UPDATE,
        DELETE,
        BEGIN,
        BEGIN_WRITE,
        END_TX,
        SAVEPOINT,
        DDL,
        PRAGMA_READ,
        PRAGMA_WRITE,
        ATTACH,
        EXPLAIN,
        OTHER
    }

    /** One statement of a SQL text. */
    public record Statement(String sql, Kind kind, List<String> paramNames) {
        /** Number of parameters (SQLite's {@code sqlite3_bind_parameter_count}). */
        public int paramCount() {
            return paramNames.size();
        }

        /** Like {@code sqlite3_stmt_readonly}. */
        public boolean readonly() {
            return switch (kind) {
                case SELECT, BEGIN, END_TX, SAVEPOINT, PRAGMA_READ, ATTACH, EXPLAIN -> true;
                case INSERT, UPDATE, DELETE, BEGIN_WRITE, DDL, PRAGMA_WRITE, OTHER -> false;
            };
        }

        /** True when executing it inside a transaction takes the database write lock. */
        public boolean takesWriteLock() {
            return switch (kind) {
                case INSERT, UPDATE, DELETE, BEGIN_WRITE, DDL, OTHER -> true;
                case SELECT, BEGIN, END_TX, SAVEPOINT, PRAGMA_READ, PRAGMA_WRITE, ATTACH, EXPLAIN -> false;
            };
        }
    }

    private enum TokenType {
        WORD,
        STRING,
        IDENT,
        PARAM,
        SEMI,
        LPAREN,
        RPAREN,
        OTHER
    }

    private record Token(TokenType type, String text, int start) {
        boolean isWord(String upper) {
            return type == TokenType.WORD && text.equalsIgnoreCase(upper);
        }
    }

    /** Splits {@code sql} into its non-empty statements. */
    /** Whether {@code sql} is one DDL statement ({@code CREATE}, {@code DROP}, {@code ALTER}, ...). */
    public static boolean isDdl(String sql) {
        List<Statement> statements = split(sql);
        return statements.size() == 1 && statements.get(0).kind() == Kind.DDL;
    }

    public static List<Statement> split(String sql) {
        List<Statement> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int stmtStart = -1;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
                continue;
            }
            if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                continue;
            }
            int start = i;
            Token token;
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c);
                token = new Token(c == '\'' ? TokenType.STRING : TokenType.IDENT, sql.substring(start, i), start);
            } else if (c == '[') {
                int end = sql.indexOf(']', i);
                i = end < 0 ? n : end + 1;
                token = new Token(TokenType.IDENT, sql.substring(start, i), start);
            } else if (c == '?') {
                i++;
                while (i < n && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
                token = new Token(TokenType.PARAM, sql.substring(start, i), start);
            } else if ((c == ':' || c == '@' || c == '$') && i + 1 < n && isIdentPart(sql.charAt(i + 1))) {
                i++;
                while (i < n && (isIdentPart(sql.charAt(i)) || (c == '$' && sql.startsWith("::", i)))) {
                    i += sql.startsWith("::", i) ? 2 : 1;
                }
                token = new Token(TokenType.PARAM, sql.substring(start, i), start);
            } else if (isIdentStart(c)) {
                while (i < n && isIdentPart(sql.charAt(i))) {
                    i++;
                }
                token = new Token(TokenType.WORD, sql.substring(start, i), start);
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                token = new Token(TokenType.OTHER, sql.substring(start, i), start);
            } else if (c == ';') {
                i++;
                token = new Token(TokenType.SEMI, ";", start);
            } else if (c == '(') {
                i++;
                token = new Token(TokenType.LPAREN, "(", start);
            } else if (c == ')') {
                i++;
                token = new Token(TokenType.RPAREN, ")", start);
            } else {
                i++;
                token = new Token(TokenType.OTHER, String.valueOf(c), start);
            }
            if (token.type() == TokenType.SEMI) {
                if (!current.isEmpty() && !endsStatement(current)) {
                    current.add(token);
                    continue;
                }
                if (!current.isEmpty()) {
                    statements.add(toStatement(sql.substring(stmtStart, i), current));
                }
                current = new ArrayList<>();
                stmtStart = -1;
                continue;
            }
            if (current.isEmpty()) {
                stmtStart = start;
            }
            current.add(token);
        }
        if (!current.isEmpty()) {
            statements.add(toStatement(sql.substring(stmtStart), current));
        }
        return statements;
    }

    /**
     * Offset of the first word or quoted identifier equal (ignoring case and quotes) to {@code name}
     * in a single statement's text, or -1.
     */
    public static int offsetOfIdentifier(String sql, String name) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'') {
                i = skipQuoted(sql, i, c);
            } else if (c == '"' || c == '`' || c == '[') {
                int end = c == '[' ? sql.indexOf(']', i) + 1 : skipQuoted(sql, i, c);
                end = end <= 0 ? n : end;
                if (sql.substring(i + 1, Math.max(i + 1, end - 1)).equalsIgnoreCase(name)) {
                    return i;
                }
                i = end;
            } else if (isIdentStart(c)) {
                int start = i;
                while (i < n && isIdentPart(sql.charAt(i))) {
                    i++;
                }
                if (sql.substring(start, i).equalsIgnoreCase(name)) {
                    return start;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /**
     * Whether a {@code ;} after these tokens ends the statement. Inside {@code CREATE TRIGGER ...
     * BEGIN ... END} the semicolons separate the body's statements (CASE ... END nests).
     */
    private static boolean endsStatement(List<Token> tokens) {
        int k = 0;
        if (!tokens.get(k).isWord("CREATE")) {
            return true;
        }
        k++;
        if (k < tokens.size() && (tokens.get(k).isWord("TEMP") || tokens.get(k).isWord("TEMPORARY"))) {
            k++;
        }
        if (k >= tokens.size() || !tokens.get(k).isWord("TRIGGER")) {
            return true;
        }
        boolean inBody = false;
        int caseDepth = 0;
        boolean bodyEnded = false;
        for (int j = k + 1; j < tokens.size(); j++) {
            Token t = tokens.get(j);
            if (!inBody) {
                if (t.isWord("BEGIN")) {
                    inBody = true;
                }
            } else if (t.isWord("CASE")) {
                caseDepth++;
            } else if (t.isWord("END")) {
                if (caseDepth > 0) {
                    caseDepth--;
                } else {
                    bodyEnded = true;
                }
            } else if (t.type() != TokenType.SEMI) {
                bodyEnded = false;
            }
        }
        return !inBody || bodyEnded;
    }

    private static int skipQuoted(String sql, int i, char quote) {
        int n = sql.length();
        i++;
        while (i < n) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return n;
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || c > 0x7f;
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 0x7f;
    }

    private static final Set<String> MAIN_VERBS = Set.of("SELECT", "VALUES", "INSERT", "REPLACE", "UPDATE", "DELETE");

    private static Statement toStatement(String text, List<Token> tokens) {
        return new Statement(text, classify(tokens), paramNames(tokens));
    }

    private static Kind classify(List<Token> tokens) {
        Token first = tokens.get(0);
        if (first.type() != TokenType.WORD) {
            return Kind.OTHER;
        }
        String verb = first.text().toUpperCase(Locale.ROOT);
        if (verb.equals("WITH")) {
            int depth = 0;
            for (Token t : tokens) {
                if (t.type() == TokenType.LPAREN) {
                    depth++;
                } else if (t.type() == TokenType.RPAREN) {
                    depth--;
                } else if (depth == 0
                        && t.type() == TokenType.WORD
                        && MAIN_VERBS.contains(t.text().toUpperCase(Locale.ROOT))) {
                    verb = t.text().toUpperCase(Locale.ROOT);
                    break;
                }
            }
        }
        return switch (verb) {
            case "SELECT", "VALUES" -> Kind.SELECT;
            case "INSERT", "REPLACE" -> Kind.INSERT;
            case "UPDATE" -> Kind.UPDATE;
            case "DELETE" -> Kind.DELETE;
            case "BEGIN" ->
                tokens.size() > 1
                                && (tokens.get(1).isWord("IMMEDIATE")
                                        || tokens.get(1).isWord("EXCLUSIVE"))
                        ? Kind.BEGIN_WRITE
                        : Kind.BEGIN;
            case "COMMIT", "END", "ROLLBACK" -> Kind.END_TX;
            case "SAVEPOINT", "RELEASE" -> Kind.SAVEPOINT;
            case "CREATE", "DROP", "ALTER", "REINDEX", "ANALYZE", "VACUUM" -> Kind.DDL;
            case "PRAGMA" -> tokens.stream().anyMatch(t -> "=".equals(t.text())) ? Kind.PRAGMA_WRITE : Kind.PRAGMA_READ;
            case "ATTACH", "DETACH" -> Kind.ATTACH;
            case "EXPLAIN" -> Kind.EXPLAIN;
            default -> Kind.OTHER;
        };
    }

    /**
     * Parameter names by index (0-based; null for an anonymous {@code ?}), numbered the way SQLite
     * numbers them: {@code ?} takes the next index, {@code ?NNN} index NNN, a repeated name its
     * first index.
     */
    private static List<String> paramNames(List<Token> tokens) {
        Map<Integer, String> names = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        int max = 0;
        for (Token t : tokens) {
            if (t.type() != TokenType.PARAM) {
                continue;
            }
            String text = t.text();
            if (text.equals("?")) {
                max++;
            } else if (text.startsWith("?")) {
                int index;
                try {
                    index = Integer.parseInt(text.substring(1));
                } catch (NumberFormatException e) {
                    // Out of range: SQLite rejects it when preparing.
                    continue;
                }
                seen.putIfAbsent(text, index);
                names.putIfAbsent(index, text);
                max = Math.max(max, index);
            } else if (!seen.containsKey(text)) {
                max++;
                seen.put(text, max);
                names.put(max, text);
            }
        }
        List<String> result = new ArrayList<>(max);
        for (int i = 1; i <= max; i++) {
            result.add(names.get(i));
        }
        return result;
    }
}
