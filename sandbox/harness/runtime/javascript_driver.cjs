'use strict';
/*
 * Coach test driver for JavaScript solutions (protocol: sandbox/spec.py).
 *
 * Copied as driver.cjs (.cjs: CommonJS whatever package.json may say) next to solution.js (the
 * candidate's code, verbatim), with SIGNATURE filled in. The cases arrive on stdin, one JSON array
 * of arguments per line, each only after the previous case's result line (the supervisor feeds
 * them).
 *
 *   node --stack-size=KB driver.cjs          run every case read from stdin
 *   node driver.cjs --check                  syntax-check solution.js; errors on stderr, exit 1
 *
 * solution.js runs as a classic script in this context (vm.Script), as on LeetCode: its top-level
 * `var twoSum = function ...`, `function twoSum`, `const twoSum = ...` are found by name, and it
 * sees ListNode/TreeNode as globals. Non-finite doubles are encoded as "NaN", "Infinity",
 * "-Infinity"; BigInt results as JSON integers.
 */
const fs = require('fs');
const vm = require('vm');

const SIGNATURE = null; // @coach:signature (replaced by the generator)
const CANDIDATE_FILE = 'solution.js';
const RESULTS_FD = 3;

function ListNode(val, next) {
  this.val = val === undefined ? 0 : val;
  this.next = next === undefined ? null : next;
}
function TreeNode(val, left, right) {
  this.val = val === undefined ? 0 : val;
  this.left = left === undefined ? null : left;
  this.right = right === undefined ? null : right;
}
// Plain (configurable) properties, so the candidate may redeclare them, even with `class`.
globalThis.ListNode = ListNode;
globalThis.TreeNode = TreeNode;

// LeetCode's JavaScript also has lodash as `_` and the datastructures-js queues as globals
// (PriorityQueue/MinPriorityQueue/MaxPriorityQueue 5.4.0, Queue 4.2.3, Deque 1.0.4), found on
// NODE_PATH (sandbox/harness/jslibs, installed by scripts/setup.sh). Each is required on first
// use (lodash alone takes tens of ms), and a candidate's own `var _`, `class Queue` or
// `function Deque` replaces it: the properties are configurable and a write redefines them.
const LIBRARIES = {
  _: ['lodash', null],
  PriorityQueue: ['@datastructures-js/priority-queue', 'PriorityQueue'],
  MinPriorityQueue: ['@datastructures-js/priority-queue', 'MinPriorityQueue'],
  MaxPriorityQueue: ['@datastructures-js/priority-queue', 'MaxPriorityQueue'],
  Queue: ['@datastructures-js/queue', 'Queue'],
  Deque: ['@datastructures-js/deque', 'Deque'],
};
for (const [name, [module, member]] of Object.entries(LIBRARIES)) {
  const define = (value) =>
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true });
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() {
      let value;
      try {
        const exports = require(module);
        value = member === null ? exports : exports[member];
      } catch (e) {
        // Not installed (scripts/setup.sh installs it): as if there were no such global.
        process.stderr.write(`Coach: ${name} is unavailable: ${module} is not installed\n`);
      }
      define(value);
      return value;
    },
    set: define,
  });
}

function splitType(t) {
  const base = t.replace(/\[\]/g, '');
  return [base, (t.length - base.length) / 2];
}

// ---- decoding: JSON value -> argument ---------------------------------------------------------

const SPECIAL = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

function decode(t, v, nodes) {
  const [base, dims] = splitType(t);
  if (dims) {
    if (base !== 'double' || v === null) return v;
    return v.map((x) => decode(t.slice(0, -2), x, nodes));
  }
  if (base === 'double') return typeof v === 'string' ? SPECIAL[v] : v;
  if (base === 'ListNode') return buildList(v, nodes.ListNode);
  if (base === 'TreeNode') return buildTree(v, nodes.TreeNode);
  return v;
}

// Nodes are made without calling the constructor, whose parameters vary: LeetCode's
// `function ListNode(val, next)`, the classic `function ListNode(val)`, a `class` with either.
// Every style has the fields val and next (val, left, right), which are set here.
function newNode(Node, fields) {
  return Object.assign(Object.create(Node.prototype), fields);
}

function buildList(values, Node) {
  let head = null;
  for (let i = (values || []).length - 1; i >= 0; i--) {
    head = newNode(Node, { val: values[i], next: head });
  }
  return head;
}

function buildTree(values, Node) {
  // LeetCode level order: children of each non-null node in turn, null for a gap.
  if (!values || values.length === 0 || values[0] === null) return null;
  const root = newNode(Node, { val: values[0], left: null, right: null });
  const queue = [root];
  let head = 0;
  let i = 1;
  while (head < queue.length && i < values.length) {
    const node = queue[head++];
    for (const side of ['left', 'right']) {
      if (i < values.length && values[i] !== null) {
        node[side] = newNode(Node, { val: values[i], left: null, right: null });
        queue.push(node[side]);
      }
      i++;
    }
  }
  return root;
}

// ---- encoding: result -> JSON text ------------------------------------------------------------

function encode(t, v) {
  const [base, dims] = splitType(t);
  if (dims) {
    if (v === null || v === undefined) return 'null';
    const inner = t.slice(0, -2);
    const parts = [];
    for (const x of v) parts.push(encode(inner, x)); // arrays, typed arrays, strings for char[]
    return '[' + parts.join(',') + ']';
  }
  if (base === 'ListNode') return '[' + listValues(v).map(scalar).join(',') + ']';
  if (base === 'TreeNode') return '[' + treeValues(v).map(scalar).join(',') + ']';
  return scalar(v);
}

function scalar(v) {
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return JSON.stringify(v);
    return Number.isNaN(v) ? '"NaN"' : v > 0 ? '"Infinity"' : '"-Infinity"';
  }
  if (typeof v === 'bigint') return v.toString();
  const text = JSON.stringify(v);
  return text === undefined ? 'null' : text;
}

function listValues(head) {
  const out = [];
  const seen = new Set();
  for (let node = head; node !== null && node !== undefined; node = node.next) {
    if (seen.has(node)) throw new Error('Found cycle in the ListNode');
    seen.add(node);
    out.push(node.val);
  }
  return out;
}

function treeValues(root) {
  const out = [];
  const seen = new Set();
  const queue = [root];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    if (node === null || node === undefined) {
      out.push(null);
      continue;
    }
    if (seen.has(node)) throw new Error('Found cycle in the TreeNode');
    seen.add(node);
    out.push(node.val);
    queue.push(node.left, node.right);
  }
  while (out.length && out[out.length - 1] === null) out.pop();
  return out;
}

// ---- running ----------------------------------------------------------------------------------

function candidateLine(e) {
  // The first solution.js frame of the stack is the innermost one in the candidate's code.
  const stack = e !== null && typeof e === 'object' && typeof e.stack === 'string' ? e.stack : '';
  const m = /(?:^|[\s(/])solution\.js:(\d+)/.exec(stack);
  return m ? Number(m[1]) : null;
}

function describe(e) {
  if (e instanceof Error) return e.message ? `${e.name}: ${e.message}` : e.name;
  try {
    return `Uncaught ${String(e)}`;
  } catch (_) {
    return 'Uncaught exception';
  }
}

function writeLine(text) {
  const buf = Buffer.from(text + '\n', 'utf8');
  let off = 0;
  while (off < buf.length) {
    try {
      off += fs.writeSync(RESULTS_FD, buf, off);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
    }
  }
}

// Reads stdin one line at a time, synchronously: the next case exists only once this one's
// result line is written. EAGAIN (a non-blocking stdin) waits 1 ms rather than spinning on CPU
// that would be charged to the test.
function caseReader() {
  const chunk = Buffer.alloc(1 << 16);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let parts = [];
  let ended = false;
  return function next() {
    for (;;) {
      const last = parts.length ? parts[parts.length - 1] : null;
      const nl = last === null ? -1 : last.indexOf(10);
      if (nl >= 0) {
        const all = Buffer.concat(parts);
        const at = all.indexOf(10);
        parts = at + 1 < all.length ? [all.subarray(at + 1)] : [];
        return JSON.parse(all.subarray(0, at).toString('utf8'));
      }
      if (ended) return null;
      let n = 0;
      try {
        n = fs.readSync(0, chunk, 0, chunk.length, null);
      } catch (e) {
        if (e.code === 'EAGAIN') {
          Atomics.wait(pause, 0, 0, 1);
          continue;
        }
        if (e.code !== 'EOF') throw e;
      }
      if (n === 0) ended = true;
      else parts.push(Buffer.from(chunk.subarray(0, n)));
    }
  };
}

function load(name) {
  const source = fs.readFileSync(CANDIDATE_FILE, 'utf8');
  writeLine('{"ready":true}'); // the candidate's code runs from here: all CPU is the tests'
  new vm.Script(source, { filename: CANDIDATE_FILE }).runInThisContext();
  // Evaluating the bare name also finds top-level let/const/class bindings of the script.
  const fn = vm.runInThisContext(`typeof ${name} === 'function' ? ${name} : undefined`);
  if (fn === undefined) throw new ReferenceError(`function ${name} is not defined`);
  return {
    fn,
    nodes: { ListNode: vm.runInThisContext('ListNode'), TreeNode: vm.runInThisContext('TreeNode') },
  };
}

function cpuMicros() {
  const u = process.cpuUsage();
  return u.user + u.system;
}

function runCases(sig, nextCase) {
  let loaded = null;
  let loadError = null;
  try {
    loaded = load(sig.function);
  } catch (e) {
    loadError = e;
  }
  for (let i = 0; ; i++) {
    const raw = nextCase();
    if (raw === null) break;
    process.stdout.write(`\x1e__COACH_CASE__ ${i}\n`);
    let c0 = cpuMicros();
    let w0 = process.hrtime.bigint();
    try {
      if (loadError !== null) throw loadError;
      if (raw.length !== sig.params.length) {
        throw new Error(`case has ${raw.length} arguments, the signature ${sig.params.length}`);
      }
      const args = sig.params.map((t, k) => decode(t, raw[k], loaded.nodes));
      c0 = cpuMicros();
      w0 = process.hrtime.bigint();
      let result;
      let cpu;
      let wall;
      try {
        result = loaded.fn(...args);
      } finally {
        cpu = cpuMicros() - c0;
        wall = Number((process.hrtime.bigint() - w0) / 1000n);
      }
      if (sig.inplace >= 0) result = args[sig.inplace];
      const out = encode(sig.output, result);
      writeLine(`{"i":${i},"ok":true,"out":${out},"cpu_us":${cpu},"wall_us":${wall}}`);
    } catch (e) {
      const record = { i, ok: false, error: describe(e) };
      const line = candidateLine(e);
      if (line !== null) record.line = line;
      record.cpu_us = cpuMicros() - c0;
      record.wall_us = Number((process.hrtime.bigint() - w0) / 1000n);
      writeLine(JSON.stringify(record));
    }
  }
}

function check() {
  const source = fs.readFileSync(CANDIDATE_FILE, 'utf8');
  try {
    new vm.Script(source, { filename: CANDIDATE_FILE });
  } catch (e) {
    // V8 puts "solution.js:LINE", the source line and a caret before the message.
    const lines = String(e && e.stack ? e.stack : e).split('\n');
    process.stderr.write(lines.filter((l) => !/^\s+at /.test(l)).join('\n') + '\n');
    return 1;
  }
  return 0;
}

function main(argv) {
  if (argv[2] === '--check') {
    process.exitCode = check();
    return;
  }
  runCases(SIGNATURE, caseReader());
  // Exit even if the candidate left timers running; stdout to a pipe or file is synchronous.
  process.stdout.write('', () => process.exit(0));
}

main(process.argv);
