/*
 * Coach test driver for Java solutions (protocol: sandbox/spec.py).
 *
 * Compiled together with Solution.java (the candidate's code after one line of implicit imports)
 * and CoachJson.java (the JSON reader):
 *   javac -d . Solution.java CoachDriver.java CoachJson.java
 *   java ... -cp . CoachDriver STACK_BYTES
 *
 * The method is found by reflection, so each argument is built for the parameter type the
 * candidate declared: int[] or List<Integer>, long or int, char[][] or List<List<Character>>.
 * Results are encoded from their runtime value; a null ListNode/TreeNode is []. Non-finite doubles
 * are encoded as "NaN", "Infinity", "-Infinity". Everything else of the driver is nested in
 * CoachDriver so it cannot clash with the candidate's top-level classes (Pair, Node, Main ...).
 */
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;

class CoachDriver {
    static final String SIGNATURE = ""; static final int LINE_OFFSET = 0, CANDIDATE_LINES = 0; // @coach:config
    static final String CANDIDATE_FILE = "Solution.java";

    static volatile boolean failed = false;

    public static void main(String[] args) throws Exception {
        long stack = args.length > 0 ? Long.parseLong(args[0]) : 256L << 20;
        // Deep recursion needs a big stack; the JVM's own main thread has only -Xss.
        Thread worker = new Thread(null, CoachDriver::runAll, "main", stack);
        worker.setUncaughtExceptionHandler((t, e) -> {
            failed = true;
            e.printStackTrace();
        });
        worker.start();
        worker.join();
        System.out.flush();
        System.exit(failed ? 1 : 0); // do not wait for threads the candidate left running
    }

    /** Tells the host the driver is up: it charges all CPU from here on to the tests. */
    static void ready() throws IOException {
        try (OutputStream fd3 = new FileOutputStream("/proc/self/fd/3", true)) {
            fd3.write("{\"ready\":true}\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    static void runAll() {
        try {
            Map<String, Object> sig = CoachJson.object(CoachJson.parse(SIGNATURE));
            // one case per line on stdin, each fed only after the previous case's result line
            java.io.BufferedReader cases = new java.io.BufferedReader(new java.io.InputStreamReader(
                    new java.io.FileInputStream(java.io.FileDescriptor.in), StandardCharsets.UTF_8));
            new Runner(sig).run(cases);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    /** Runs the cases in the calling thread (the big-stack "main"). */
    static final class Runner {
        final String function;
        final List<String> params = new ArrayList<>();
        final String output;
        final int inplace;
        final PrintStream stdout = System.out;
        final OutputStream results;
        final CpuClock cpu = new CpuClock();

        Runner(Map<String, Object> sig) throws IOException {
            function = (String) sig.get("function");
            for (Object p : CoachJson.array(sig.get("params"))) params.add((String) p);
            output = (String) sig.get("output");
            inplace = ((Number) sig.get("inplace")).intValue();
            OutputStream fd3;
            try {
                fd3 = new FileOutputStream("/proc/self/fd/3", true);
            } catch (IOException e) {
                fd3 = new FileOutputStream("/dev/fd/3", true);
            }
            results = fd3;
        }

        Method findMethod() throws NoSuchMethodException {
            Method found = null;
            for (Method m : Solution.class.getDeclaredMethods()) {
                if (m.getName().equals(function) && m.getParameterCount() == params.size()) {
                    if (found == null || java.lang.reflect.Modifier.isPublic(m.getModifiers())) found = m;
                }
            }
            if (found == null) {
                throw new NoSuchMethodException("class Solution has no method " + function + " with "
                        + params.size() + " parameters");
            }
            found.setAccessible(true);
            return found;
        }

        void run(java.io.BufferedReader cases) throws IOException {
            Method method = null;
            Throwable lookupError = null;
            ready(); // before the candidate's first class is loaded
            try {
                method = findMethod();
            } catch (Throwable e) {
                lookupError = e;
            }
            for (int i = 0; ; i++) {
                String text = cases.readLine();
                if (text == null) break;
                System.out.flush();
                stdout.flush();
                stdout.print("\u001e__COACH_CASE__ " + i + "\n");
                stdout.flush();
                long c0 = cpu.nanos(), w0 = System.nanoTime();
                String line;
                try {
                    if (lookupError != null) throw lookupError;
                    List<Object> raw = CoachJson.array(CoachJson.parse(text));
                    if (raw.size() != params.size()) {
                        throw new IllegalArgumentException("case has " + raw.size()
                                + " arguments, the signature " + params.size());
                    }
                    Type[] types = method.getGenericParameterTypes();
                    Object[] args = new Object[raw.size()];
                    for (int k = 0; k < args.length; k++) args[k] = Codec.decode(raw.get(k), types[k], params.get(k));
                    Solution solution = new Solution();
                    Object result;
                    c0 = cpu.nanos();
                    w0 = System.nanoTime();
                    long cpuUs, wallUs;
                    try {
                        result = method.invoke(solution, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        cpuUs = (cpu.nanos() - c0) / 1000;
                        wallUs = (System.nanoTime() - w0) / 1000;
                    }
                    if (inplace >= 0) result = args[inplace];
                    StringBuilder out = new StringBuilder();
                    Codec.encode(out, result, output);
                    line = "{\"i\":" + i + ",\"ok\":true,\"out\":" + out + ",\"cpu_us\":" + cpuUs
                            + ",\"wall_us\":" + wallUs + "}";
                } catch (Throwable e) {
                    long cpuUs = (cpu.nanos() - c0) / 1000, wallUs = (System.nanoTime() - w0) / 1000;
                    StringBuilder sb = new StringBuilder("{\"i\":").append(i).append(",\"ok\":false,\"error\":");
                    Codec.quote(sb, describe(e));
                    int at = candidateLine(e);
                    if (at > 0) sb.append(",\"line\":").append(at);
                    line = sb.append(",\"cpu_us\":").append(cpuUs).append(",\"wall_us\":").append(wallUs)
                            .append('}').toString();
                }
                results.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
                results.flush();
            }
            System.out.flush();
            stdout.flush();
        }
    }

    static String describe(Throwable e) {
        String msg = e.getMessage();
        String name = e.getClass().getName();
        return msg == null ? name : name + ": " + msg;
    }

    /** Candidate line of the innermost stack frame in the candidate's file, or -1. */
    static int candidateLine(Throwable e) {
        for (StackTraceElement f : e.getStackTrace()) {
            int line = f.getLineNumber() - LINE_OFFSET;
            if (CANDIDATE_FILE.equals(f.getFileName()) && line >= 1 && line <= CANDIDATE_LINES) return line;
        }
        return -1;
    }

    /**
     * CPU time of the calling thread (clock_gettime(CLOCK_THREAD_CPUTIME_ID), so JIT and GC threads
     * are left out). ManagementFactory costs ~10 ms of start-up; its helper ~1 ms, reachable with
     * --add-exports java.management/sun.management=ALL-UNNAMED (the runner passes it).
     */
    static final class CpuClock {
        final ThreadMXBean bean;

        CpuClock() {
            ThreadMXBean b;
            try {
                b = (ThreadMXBean) Class.forName("sun.management.ManagementFactoryHelper")
                        .getMethod("getThreadMXBean").invoke(null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                b = ManagementFactory.getThreadMXBean();
            }
            bean = b.isCurrentThreadCpuTimeSupported() ? b : null;
        }

        long nanos() {
            return bean == null ? System.nanoTime() : bean.getCurrentThreadCpuTime();
        }
    }

    /** Typed conversion between JSON values and the candidate's parameter and result types. */
    static final class Codec {
        static String inner(String sig) {
            return sig.endsWith("[]") ? sig.substring(0, sig.length() - 2) : sig;
        }

        static Object decode(Object v, Type type, String sig) {
            if (type instanceof ParameterizedType) {
                ParameterizedType p = (ParameterizedType) type;
                Class<?> raw = (Class<?>) p.getRawType();
                if (Iterable.class.isAssignableFrom(raw)) {
                    List<Object> list = raw.isAssignableFrom(ArrayList.class) ? new ArrayList<>() : new LinkedList<>();
                    if (v == null) return null;
                    for (Object x : CoachJson.array(v)) list.add(decode(x, p.getActualTypeArguments()[0], inner(sig)));
                    return list;
                }
            }
            if (!(type instanceof Class)) return natural(v, sig);
            Class<?> c = (Class<?>) type;
            if (c == int.class || c == Integer.class) return num(v).intValue();
            if (c == long.class || c == Long.class) return num(v).longValue();
            if (c == double.class || c == Double.class) return dbl(v);
            if (c == float.class || c == Float.class) return (float) dbl(v);
            if (c == boolean.class || c == Boolean.class) return (Boolean) v;
            if (c == char.class || c == Character.class) return chr(v);
            if (c == String.class) return (String) v;
            if (c == ListNode.class) return buildList(v);
            if (c == TreeNode.class) return buildTree(v);
            if (c.isArray()) {
                if (v == null) return null;
                List<Object> list = CoachJson.array(v);
                Class<?> e = c.getComponentType();
                if (e == int.class) {
                    int[] a = new int[list.size()];
                    for (int i = 0; i < a.length; i++) a[i] = num(list.get(i)).intValue();
                    return a;
                }
                Object a = Array.newInstance(e, list.size());
                for (int i = 0; i < list.size(); i++) Array.set(a, i, decode(list.get(i), e, inner(sig)));
                return a;
            }
            return natural(v, sig); // Object, raw List ...
        }

        /** A value for an untyped parameter, from the signature type alone. */
        static Object natural(Object v, String sig) {
            if (sig.endsWith("[]")) {
                if (v == null) return null;
                List<Object> out = new ArrayList<>();
                for (Object x : CoachJson.array(v)) out.add(natural(x, inner(sig)));
                return out;
            }
            switch (sig) {
                case "int": return num(v).intValue();
                case "long": return num(v).longValue();
                case "double": return dbl(v);
                case "char": return chr(v);
                case "ListNode": return buildList(v);
                case "TreeNode": return buildTree(v);
                default: return v; // bool, string
            }
        }

        static Number num(Object v) {
            if (v instanceof Number) return (Number) v;
            throw new IllegalArgumentException("expected a number, got " + v);
        }

        static double dbl(Object v) {
            if ("NaN".equals(v)) return Double.NaN;
            if ("Infinity".equals(v)) return Double.POSITIVE_INFINITY;
            if ("-Infinity".equals(v)) return Double.NEGATIVE_INFINITY;
            return num(v).doubleValue();
        }

        static char chr(Object v) {
            String s = (String) v;
            if (s == null || s.isEmpty()) throw new IllegalArgumentException("expected one character");
            return s.charAt(0);
        }

        static final Map<Class<?>, java.lang.reflect.Constructor<?>> CONSTRUCTORS = new java.util.HashMap<>();
        static final Map<Class<?>, Object[]> CONSTRUCTOR_ARGS = new java.util.HashMap<>();

        /**
         * A node made through whichever constructor the candidate's ListNode/TreeNode has
         * (LeetCode's three, the classic {@code ListNode(int x) { val = x; }} alone, a no-arg one ...),
         * the one with the fewest parameters, given zeros and nulls. Every style has the fields
         * val, next (val, left, right): the callers set them.
         */
        @SuppressWarnings("unchecked")
        static <T> T newNode(Class<T> c) {
            java.lang.reflect.Constructor<?> k = CONSTRUCTORS.get(c);
            if (k == null) {
                for (java.lang.reflect.Constructor<?> x : c.getDeclaredConstructors()) {
                    if (k == null || x.getParameterCount() < k.getParameterCount()) k = x;
                }
                k.setAccessible(true);
                Class<?>[] types = k.getParameterTypes();
                Object[] args = new Object[types.length];
                for (int i = 0; i < args.length; i++) args[i] = zero(types[i]);
                CONSTRUCTORS.put(c, k);
                CONSTRUCTOR_ARGS.put(c, args);
            }
            try {
                return (T) k.newInstance(CONSTRUCTOR_ARGS.get(c));
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("the " + c.getName() + " constructor threw " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot construct a " + c.getName() + ": " + e, e);
            }
        }

        static Object zero(Class<?> t) {
            if (!t.isPrimitive()) return null;
            if (t == boolean.class) return false;
            if (t == char.class) return '\0';
            if (t == long.class) return 0L;
            if (t == double.class) return 0.0;
            if (t == float.class) return 0f;
            if (t == short.class) return (short) 0;
            if (t == byte.class) return (byte) 0;
            return 0;
        }

        static TreeNode newTreeNode(int val) {
            TreeNode n = newNode(TreeNode.class);
            n.val = val;
            n.left = null;
            n.right = null;
            return n;
        }

        static ListNode buildList(Object v) {
            List<Object> values = v == null ? List.of() : CoachJson.array(v);
            ListNode head = null;
            for (int i = values.size() - 1; i >= 0; i--) {
                ListNode n = newNode(ListNode.class);
                n.val = num(values.get(i)).intValue();
                n.next = head;
                head = n;
            }
            return head;
        }

        /** LeetCode level order: children of each non-null node in turn, null for a gap. */
        static TreeNode buildTree(Object v) {
            List<Object> values = v == null ? List.of() : CoachJson.array(v);
            if (values.isEmpty() || values.get(0) == null) return null;
            TreeNode root = newTreeNode(num(values.get(0)).intValue());
            ArrayDeque<TreeNode> queue = new ArrayDeque<>();
            queue.add(root);
            int i = 1;
            while (!queue.isEmpty() && i < values.size()) {
                TreeNode node = queue.poll();
                if (i < values.size() && values.get(i) != null) {
                    node.left = newTreeNode(num(values.get(i)).intValue());
                    queue.add(node.left);
                }
                i++;
                if (i < values.size() && values.get(i) != null) {
                    node.right = newTreeNode(num(values.get(i)).intValue());
                    queue.add(node.right);
                }
                i++;
            }
            return root;
        }

        static void encode(StringBuilder sb, Object v, String sig) {
            if (v == null) {
                sb.append(sig.equals("ListNode") || sig.equals("TreeNode") ? "[]" : "null");
            } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                    || v instanceof BigInteger) {
                sb.append(v);
            } else if (v instanceof Double || v instanceof Float) {
                double d = ((Number) v).doubleValue();
                if (Double.isNaN(d)) sb.append("\"NaN\"");
                else if (Double.isInfinite(d)) sb.append(d > 0 ? "\"Infinity\"" : "\"-Infinity\"");
                else sb.append(v); // Float.toString keeps 1.1f as 1.1
            } else if (v instanceof Boolean) {
                sb.append(v);
            } else if (v instanceof Character || v instanceof CharSequence) {
                quote(sb, v.toString());
            } else if (v instanceof ListNode) {
                encodeList(sb, (ListNode) v);
            } else if (v instanceof TreeNode) {
                encodeTree(sb, (TreeNode) v);
            } else if (v instanceof int[]) {
                int[] a = (int[]) v;
                sb.append('[');
                for (int i = 0; i < a.length; i++) sb.append(i > 0 ? "," : "").append(a[i]);
                sb.append(']');
            } else if (v.getClass().isArray()) {
                sb.append('[');
                for (int i = 0, n = Array.getLength(v); i < n; i++) {
                    if (i > 0) sb.append(',');
                    encode(sb, Array.get(v, i), inner(sig));
                }
                sb.append(']');
            } else if (v instanceof Iterable) {
                sb.append('[');
                boolean first = true;
                for (Object x : (Iterable<?>) v) {
                    if (!first) sb.append(',');
                    first = false;
                    encode(sb, x, inner(sig));
                }
                sb.append(']');
            } else {
                throw new IllegalArgumentException("cannot encode a result of class " + v.getClass().getName());
            }
        }

        static void encodeList(StringBuilder sb, ListNode head) {
            Set<ListNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            sb.append('[');
            for (ListNode n = head; n != null; n = n.next) {
                if (!seen.add(n)) throw new IllegalStateException("Found cycle in the ListNode");
                if (n != head) sb.append(',');
                sb.append(n.val);
            }
            sb.append(']');
        }

        static void encodeTree(StringBuilder sb, TreeNode root) {
            Set<TreeNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            List<String> out = new ArrayList<>();
            List<TreeNode> level = new ArrayList<>();
            level.add(root);
            int last = 0; // out.size() after the last non-null value: trailing nulls are trimmed
            for (int head = 0; head < level.size(); head++) {
                TreeNode n = level.get(head);
                if (n == null) {
                    out.add("null");
                    continue;
                }
                if (!seen.add(n)) throw new IllegalStateException("Found cycle in the TreeNode");
                out.add(Integer.toString(n.val));
                last = out.size();
                level.add(n.left);
                level.add(n.right);
            }
            sb.append('[').append(String.join(",", out.subList(0, last))).append(']');
        }

        static void quote(StringBuilder sb, String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') sb.append('\\').append(c);
                else if (c == '\n') sb.append("\\n");
                else if (c < 0x20 || c > 0x7e) {
                    String hex = Integer.toHexString(c);
                    sb.append("\\u0000", 0, 6 - hex.length()).append(hex);
                }
                else sb.append(c);
            }
            sb.append('"');
        }
    }
}
