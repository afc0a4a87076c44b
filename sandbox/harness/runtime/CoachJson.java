/*
 * The JSON reader of the Coach Java driver (see CoachDriver.java): objects, arrays, strings,
 * numbers (Long, BigInteger, Double) and literals. A top-level class with a name the candidate
 * will not use, compiled with Solution.java and CoachDriver.java.
 */
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small JSON reader: objects, arrays, strings, numbers (Long, BigInteger, Double), literals. */
final class CoachJson {
    final String s;
    int pos;

    CoachJson(String s) {
        this.s = s;
    }

    static Object parse(String s) {
        CoachJson p = new CoachJson(s);
        Object v = p.value();
        p.ws();
        if (p.pos != s.length()) throw p.error("trailing data");
        return v;
    }

    @SuppressWarnings("unchecked")
    static List<Object> array(Object v) {
        if (v instanceof List) return (List<Object>) v;
        throw new IllegalArgumentException("expected a JSON array, got " + v);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object v) {
        if (v instanceof Map) return (Map<String, Object>) v;
        throw new IllegalArgumentException("expected a JSON object");
    }

    IllegalArgumentException error(String what) {
        return new IllegalArgumentException("bad JSON at " + pos + ": " + what);
    }

    void ws() {
        while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) pos++;
    }

    Object value() {
        ws();
        if (pos >= s.length()) throw error("unexpected end");
        char c = s.charAt(pos);
        switch (c) {
            case '{': {
                pos++;
                Map<String, Object> m = new LinkedHashMap<>();
                ws();
                if (s.charAt(pos) == '}') {
                    pos++;
                    return m;
                }
                while (true) {
                    ws();
                    String k = string();
                    ws();
                    expect(':');
                    m.put(k, value());
                    ws();
                    if (s.charAt(pos) == ',') pos++;
                    else {
                        expect('}');
                        return m;
                    }
                }
            }
            case '[': {
                pos++;
                List<Object> a = new ArrayList<>();
                ws();
                if (s.charAt(pos) == ']') {
                    pos++;
                    return a;
                }
                while (true) {
                    a.add(value());
                    ws();
                    if (s.charAt(pos) == ',') pos++;
                    else {
                        expect(']');
                        return a;
                    }
                }
            }
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                return number();
        }
    }

    void expect(char c) {
        if (pos >= s.length() || s.charAt(pos) != c) throw error("expected '" + c + "'");
        pos++;
    }

    void literal(String word) {
        if (!s.startsWith(word, pos)) throw error("expected " + word);
        pos += word.length();
    }

    Object number() {
        int start = pos;
        boolean integral = true;
        while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
            if (".eE".indexOf(s.charAt(pos)) >= 0) integral = false;
            pos++;
        }
        String t = s.substring(start, pos);
        if (t.isEmpty()) throw error("unexpected character");
        if (!integral) return Double.parseDouble(t);
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return new BigInteger(t);
        }
    }

    String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) throw error("unterminated string");
            char c = s.charAt(pos++);
            if (c == '"') return sb.toString();
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(pos++);
            switch (e) {
                case 'n': sb.append('\n'); break;
                case 't': sb.append('\t'); break;
                case 'r': sb.append('\r'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'u':
                    sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    pos += 4;
                    break;
                default: sb.append(e); // " \ /
            }
        }
    }
}