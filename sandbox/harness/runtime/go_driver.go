// Coach test driver for Go solutions (protocol: sandbox/spec.py).
//
// Built together with solution.go (the candidate's code in package main, with the standard
// packages it uses imported):
//
//	go build -o main solution.go driver.go
//	./main MAX_STACK_BYTES
//
// The generator appends to this file: the ListNode/TreeNode types (unless the candidate defines
// them) and their codecs when the signature uses them, the candidate's line offset, coachCall
// (decode one case, call the solution, encode the result) and main. Every package-level name
// starts with "coach" and every import has a "coach" alias, so nothing clashes with the
// candidate's code (func max, var list, type heap ...). A nil slice result is encoded as [];
// non-finite floats as "NaN", "Infinity", "-Infinity"; invalid UTF-8 as U+FFFD.
package main

import (
	coachbufio "bufio"
	coachjson "encoding/json"
	coachfmt "fmt"
	coachmath "math"
	coachos "os"
	coachruntime "runtime"
	coachdebug "runtime/debug"
	coachstrconv "strconv"
	coachstrings "strings"
	coachsyscall "syscall"
	coachtime "time"
)

const coachCandidateFile = "solution.go"

var coachResults = coachos.NewFile(3, "results")

// ---- timing ------------------------------------------------------------------------------------

type coachTimer struct {
	cpu0, wall0, cpu, wall int64
	running                bool
}

func coachCPU() int64 {
	var ru coachsyscall.Rusage
	if coachsyscall.Getrusage(coachsyscall.RUSAGE_SELF, &ru) != nil {
		return coachtime.Now().UnixNano()
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func (t *coachTimer) start() {
	t.running = true
	t.cpu0, t.wall0 = coachCPU(), coachtime.Now().UnixNano()
}

func (t *coachTimer) stop() {
	if t.running {
		t.cpu, t.wall = (coachCPU()-t.cpu0)/1000, (coachtime.Now().UnixNano()-t.wall0)/1000
		t.running = false
	}
}

// ---- decoding ----------------------------------------------------------------------------------

func coachDec(raw coachjson.RawMessage, v interface{}) {
	if err := coachjson.Unmarshal(raw, v); err != nil {
		panic(coachfmt.Sprintf("bad test input %s: %v", raw, err))
	}
}

func coachDecSlice[T any](raw coachjson.RawMessage, f func(coachjson.RawMessage) T) []T {
	var items []coachjson.RawMessage
	coachDec(raw, &items)
	if items == nil {
		return nil
	}
	out := make([]T, len(items))
	for i, item := range items {
		out[i] = f(item)
	}
	return out
}

func coachDecFloat(raw coachjson.RawMessage) float64 {
	var v interface{}
	coachDec(raw, &v)
	switch x := v.(type) {
	case float64:
		return x
	case string:
		switch x {
		case "NaN":
			return coachmath.NaN()
		case "Infinity":
			return coachmath.Inf(1)
		case "-Infinity":
			return coachmath.Inf(-1)
		}
	}
	panic(coachfmt.Sprintf("bad test input %s: expected a number", raw))
}

func coachDecByte(raw coachjson.RawMessage) byte {
	var s string
	coachDec(raw, &s)
	if s == "" {
		panic(coachfmt.Sprintf("bad test input %s: expected one character", raw))
	}
	return s[0]
}

// ---- encoding ----------------------------------------------------------------------------------

type coachBuf = coachstrings.Builder

func coachEncInt(b *coachBuf, v int)     { b.WriteString(coachstrconv.Itoa(v)) }
func coachEncInt64(b *coachBuf, v int64) { b.WriteString(coachstrconv.FormatInt(v, 10)) }
func coachEncBool(b *coachBuf, v bool)   { b.WriteString(coachstrconv.FormatBool(v)) }
func coachEncByte(b *coachBuf, v byte)   { coachEncString(b, string([]byte{v})) }

func coachEncFloat(b *coachBuf, v float64) {
	switch {
	case coachmath.IsNaN(v):
		b.WriteString(`"NaN"`)
	case coachmath.IsInf(v, 1):
		b.WriteString(`"Infinity"`)
	case coachmath.IsInf(v, -1):
		b.WriteString(`"-Infinity"`)
	default:
		b.WriteString(coachstrconv.FormatFloat(v, 'g', -1, 64)) // shortest text that reads back
	}
}

func coachEncString(b *coachBuf, s string) {
	b.WriteByte('"')
	for _, r := range s { // invalid UTF-8 arrives as U+FFFD
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(coachfmt.Sprintf(`\u%04x`, r))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}

func coachEncSlice[T any](b *coachBuf, xs []T, f func(*coachBuf, T)) {
	b.WriteByte('[')
	for i, x := range xs {
		if i > 0 {
			b.WriteByte(',')
		}
		f(b, x)
	}
	b.WriteByte(']')
}

// ---- running -----------------------------------------------------------------------------------

func coachWrite(line string) {
	if _, err := coachResults.WriteString(line + "\n"); err != nil {
		coachos.Exit(3) // the host stopped listening: nothing left to report to
	}
}

// coachPanicLine is the candidate line of the innermost solution.go frame of a panicking
// goroutine; call it from the deferred function that recovers.
func coachPanicLine() int {
	pcs := make([]uintptr, 128)
	frames := coachruntime.CallersFrames(pcs[:coachruntime.Callers(1, pcs)])
	for {
		f, more := frames.Next()
		if f.File == coachCandidateFile || coachstrings.HasSuffix(f.File, "/"+coachCandidateFile) {
			if line := f.Line - coachLineOffset; line >= 1 && line <= coachCandidateLines {
				return line
			}
		}
		if !more {
			return 0
		}
	}
}

func coachRunCase(i int, args []coachjson.RawMessage, arity int,
	call func([]coachjson.RawMessage, *coachTimer) string) {
	t := &coachTimer{}
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		t.stop()
		var b coachBuf
		b.WriteString(`{"i":` + coachstrconv.Itoa(i) + `,"ok":false,"error":`)
		coachEncString(&b, "panic: "+coachfmt.Sprint(r))
		if line := coachPanicLine(); line > 0 {
			b.WriteString(`,"line":` + coachstrconv.Itoa(line))
		}
		b.WriteString(`,"cpu_us":` + coachstrconv.FormatInt(t.cpu, 10))
		b.WriteString(`,"wall_us":` + coachstrconv.FormatInt(t.wall, 10) + "}")
		coachWrite(b.String())
	}()
	if len(args) != arity {
		panic(coachfmt.Sprintf("case has %d arguments, the signature %d", len(args), arity))
	}
	out := call(args, t)
	coachWrite(`{"i":` + coachstrconv.Itoa(i) + `,"ok":true,"out":` + out +
		`,"cpu_us":` + coachstrconv.FormatInt(t.cpu, 10) + `,"wall_us":` + coachstrconv.FormatInt(t.wall, 10) + "}")
}

func coachMain(arity int, call func([]coachjson.RawMessage, *coachTimer) string) {
	if len(coachos.Args) > 1 {
		if n, err := coachstrconv.Atoi(coachos.Args[1]); err == nil && n > 0 {
			coachdebug.SetMaxStack(n) // runaway recursion: a clean stack overflow, not an OOM
		}
	}
	coachWrite(`{"ready":true}`) // the host charges all CPU from here on to the tests
	// One case per line on stdin, each fed only after the previous case's result line.
	in := coachbufio.NewReaderSize(coachos.Stdin, 1<<16)
	for i := 0; ; i++ {
		line, err := in.ReadBytes('\n')
		if len(line) == 0 && err != nil {
			break
		}
		var args []coachjson.RawMessage
		if err := coachjson.Unmarshal(line, &args); err != nil {
			panic(err)
		}
		coachos.Stdout.WriteString("\x1e__COACH_CASE__ " + coachstrconv.Itoa(i) + "\n")
		coachRunCase(i, args, arity, call)
	}
	coachos.Exit(0) // do not wait for goroutines the candidate left running
}
