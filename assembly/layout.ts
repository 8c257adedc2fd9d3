// The one memory layout shared by the compiler, the linker and both runtime
// cores (docs/abi.md is the prose). This file compiles both as AssemblyScript
// (assembly/) and as TypeScript (host/), so it holds only untyped integer
// constants: no imports, no AssemblyScript builtins, no Node APIs.

// Memory map.
export const G = 0x400;
export const SCRATCH = 0x500;
export const SCRATCH_END = 0x1000;
export const RUNTIME_DATA = 0x1000;
export const IMAGE = 0x10000;
export const PAGE_SIZE = 0x10000;

// g, the goroutine block.
export const G_SP = G + 0;
export const G_STACKGUARD = G + 4;
export const G_STACKLO = G + 8;
export const G_STACKHI = G + 12;
export const G_DEFER = G + 16;
export const G_PANIC = G + 20;
export const G_UNWINDING = G + 24;
export const G_UNWINDSP = G + 28;
export const G_MODULEDATA = G + 32;
export const G_HEAPCUR = G + 36;
export const G_HEAPEND = G + 40;
export const G_MALLOCS = G + 44;
export const G_MALLOCBYTES = G + 48;
export const G_DEBUGFLAGS = G + 52;
export const G_MAXSTACKSIZE = G + 56;
export const G_DEFERPOOL = G + 64;
export const G_EXITCODE = G + 104;
// The testing.common of the test or benchmark tRunner is running, or 0.
export const G_TESTING = G + 108;
// The goroutine's own part of g, from G_SP to G_PANIC (stack bounds, sp and
// its defer and panic chains): what tRunner saves to run a test on a
// goroutine of its own and restores after it.
export const G_GOROUTINE_SIZE = 24;

export const DEBUG_STRESS_STACK = 1;

// Frames.
export const FRAME_SAVED_PC = 0;
export const FRAME_ALIGN = 8;
export const STACK_GUARD = 928;
export const DEFAULT_MAX_STACK_SIZE = 1000000000;

// PCs: tableIndex << PC_SHIFT | call site.
export const PC_SHIFT = 16;
export const PC_SITE_MASK = 0xffff;

// Program image header (moduledata), at IMAGE.
export const MD_MAGIC = 0;
export const MD_VERSION = 4;
export const MD_NFUNCTAB = 8;
export const MD_FUNCTAB = 12;
export const MD_HEAPSTART = 16;
export const MD_MAININDEX = 20;
export const MD_INITINDEX = 24;
export const MD_RTTYPES = 28;
export const MD_STACKSIZE = 32;
export const MD_FILETAB = 36;
export const MD_SIZE = 64;
export const IMAGE_MAGIC = 0x42414c44;
export const IMAGE_VERSION = 1;

// Function table entries.
export const FUNC_SIZE = 48;
export const FUNC_NAMEPTR = 0;
export const FUNC_NAMELEN = 4;
export const FUNC_FILE = 8;
export const FUNC_LINE = 12;
export const FUNC_FRAMESIZE = 16;
export const FUNC_ARGSSIZE = 20;
export const FUNC_DEFERRETURN = 24;
export const FUNC_ABI0 = 28;
export const FUNC_FLAGS = 32;
export const FUNC_OPENDEFER = 36;
export const FUNC_PCLINE = 40;
export const FUNC_PTRMAP = 44;

export const FUNCFLAG_WRAPPER = 1;
export const FUNCFLAG_RUNTIME = 2;
export const FUNCFLAG_OPENDEFERS = 4;
export const FUNCFLAG_TOPFRAME = 8;

// Runtime type block (moduledata.rtTypes): u32 words at these offsets.
export const RT_TYPE_STRING = 0;
export const RT_TYPE_INT = 4;
export const RT_TYPE_ERROR = 8;
export const RT_TYPE_BOUNDSERROR = 12;
export const RT_TYPE_ERRORSTRING = 16;
export const RT_TYPE_PLAINERROR = 20;
export const RT_TYPE_TYPEASSERTIONERROR = 24;
export const RT_ITAB_BOUNDSERROR_ERROR = 28;
export const RT_ITAB_ERRORSTRING_ERROR = 32;
export const RT_ITAB_PLAINERROR_ERROR = 36;
export const RT_ITAB_TYPEASSERTIONERROR_ERROR = 40;
export const RT_NAMEID_ERROR = 44;
export const RT_NAMEID_STRING = 48;
export const RT_SIZE = 56;

// Fixed table indexes below FIRST_PROGRAM_FUNC. The runtime-implemented
// methods are filled in by the loader from the core's exports; the pseudo
// functions hold nothing callable and exist so runtime frames have PCs,
// names and frame sizes in the function table.
export const RTFN_BOUNDSERROR_ERROR = 1;
export const RTFN_ERRORSTRING_ERROR = 2;
export const RTFN_PLAINERROR_ERROR = 3;
export const RTFN_TYPEASSERTIONERROR_ERROR = 4;
export const RTFN_MAIN = 8;
export const RTFN_GOPANIC = 9;
export const RTFN_DEFERRETURN = 10;
export const RTFN_GOEXIT = 11;
export const RTFN_MORESTACK = 12;
export const FIRST_PROGRAM_FUNC = 16;
export const RUNTIME_FRAME_SIZE = 32;

// _defer records.
export const DEFER_SIZ = 0;
export const DEFER_STARTED = 4;
export const DEFER_HEAP = 5;
export const DEFER_OPENDEFER = 6;
export const DEFER_SP = 8;
export const DEFER_PC = 12;
export const DEFER_FN = 16;
export const DEFER_PANIC = 20;
export const DEFER_LINK = 24;
export const DEFER_FD = 28;
export const DEFER_VARP = 32;
export const DEFER_FRAMEPC = 36;
export const DEFER_ARGS = 40;
export const DEFER_NCLASSES = 5;

// _panic records.
export const PANIC_ARGP = 0;
export const PANIC_ARGTAB = 4;
export const PANIC_ARGDATA = 8;
export const PANIC_LINK = 12;
export const PANIC_RECOVERED = 16;
export const PANIC_ABORTED = 17;
export const PANIC_GOEXIT = 18;
export const PANIC_SIZE = 24;

// Type descriptors.
export const TYPE_SIZE = 0;
export const TYPE_KIND = 4;
export const TYPE_ALIGN = 5;
export const TYPE_FLAGS = 6;
export const TYPE_STRPTR = 8;
export const TYPE_STRLEN = 12;
export const TYPE_ELEM = 16;
export const TYPE_NMETHODS = 20;
export const TYPE_METHODS = 24;
export const TYPE_EQUAL = 28;
export const TYPE_UNCOMMON = 32;
export const TYPE_PTRDATA = 36;
export const TYPE_HEADER_SIZE = 40;
export const ITYPE_NIMETHODS = 40;
export const ITYPE_IMETHODS = 44;
export const ITYPE_SIZE = 48;
// A struct type's fields and an array type's length follow the header, for
// fmt's %v in package testing: STYPE_FIELDS is the address of nfields
// STRUCTFIELD_SIZE-byte records in declaration order.
export const STYPE_NFIELDS = 40;
export const STYPE_FIELDS = 44;
export const STYPE_SIZE = 48;
export const STRUCTFIELD_NAMEPTR = 0;
export const STRUCTFIELD_NAMELEN = 4;
export const STRUCTFIELD_TYPE = 8;
export const STRUCTFIELD_OFFSET = 12;
// STRUCTFIELD_FLAGS: Go's exported-field test, which decides whether fmt
// may call the field's Error and String methods.
export const STRUCTFIELD_FLAGS = 16;
export const STRUCTFIELD_SIZE = 20;
export const FIELDFLAG_EXPORTED = 1;
export const ATYPE_LEN = 40;
export const ATYPE_SIZE = 48;
export const METHOD_SIZE = 8;
export const TYPEFLAG_COMPARABLE = 1;

// itabs.
export const ITAB_INTER = 0;
export const ITAB_TYPE = 4;
export const ITAB_HASH = 8;
export const ITAB_FUN = 16;

// Go's reflect.Kind numbers.
export const KIND_BOOL = 1;
export const KIND_INT = 2;
export const KIND_INT8 = 3;
export const KIND_INT16 = 4;
export const KIND_INT32 = 5;
export const KIND_INT64 = 6;
export const KIND_UINT = 7;
export const KIND_UINT8 = 8;
export const KIND_UINT16 = 9;
export const KIND_UINT32 = 10;
export const KIND_UINT64 = 11;
export const KIND_UINTPTR = 12;
export const KIND_ARRAY = 17;
export const KIND_FUNC = 19;
export const KIND_INTERFACE = 20;
export const KIND_POINTER = 22;
export const KIND_STRING = 24;
export const KIND_STRUCT = 25;

// Runtime type block: address of the method-name table, an array of
// {ptr, len} strings indexed by nameid (for "missing method M" messages).
export const RT_METHODNAMES = 52;

// runtime.boundsError, boxed when it is a panic value.
export const BOUNDSERROR_X = 0;
export const BOUNDSERROR_Y = 8;
export const BOUNDSERROR_SIGNED = 16;
export const BOUNDSERROR_CODE = 17;
export const BOUNDSERROR_SIZE = 24;

// runtime.TypeAssertionError, pointed to by a *TypeAssertionError.
export const TAE_INTERFACE = 0;
export const TAE_CONCRETE = 4;
export const TAE_ASSERTED = 8;
export const TAE_MISSINGPTR = 12;
export const TAE_MISSINGLEN = 16;
export const TAE_SIZE = 20;

// g.deferpool[class]: a free list of heap _defer records and its length.
export const DEFERPOOL_STRIDE = 8;
export const DEFERPOOL_HEAD = 0;
export const DEFERPOOL_LEN = 4;

// The package's init functions, which the runtime calls itself after
// main.init as Go's doInit does (so they are not frames of main.init):
// moduledata[MD_INITTASK] is the address of {u32 n; u32 tableIndex[n]}, or 0.
export const MD_INITTASK = 40;
export const INITTASK_NFNS = 0;
export const INITTASK_FNS = 4;

// Goroutine stacks: Go's minimum size (a new stack is this small and grows
// by doubling), and g.stackfree[class], free lists of stacks of
// STACK_MIN << class bytes, kept for reuse when a stack is replaced.
export const STACK_MIN = 2048;
export const G_STACKFREE = G + 112;
export const STACK_NCLASSES = 20;
// A stack moved to a new one keeps a link to the next free stack in its
// first word.
export const STACKFREE_LINK = 0;

// The test main (go test's generated _testmain.go): moduledata[MD_TESTTAB]
// is the address of {u32 n; entry[n]}, one entry per TestXxx and
// BenchmarkXxx in source order, or 0 when the program is not a test.
export const MD_TESTTAB = 44;
export const TESTTAB_N = 0;
export const TESTTAB_ENTRIES = 4;
export const TESTENT_NAMEPTR = 0;
export const TESTENT_NAMELEN = 4;
export const TESTENT_KIND = 8;
export const TESTENT_FN = 12;
export const TESTENT_SIZE = 16;
export const TESTKIND_TEST = 0;
export const TESTKIND_BENCHMARK = 1;

// testing.common, the state shared by *testing.T and *testing.B: the
// driver allocates it, the runtime's testing methods update it, the driver
// reads the outcome. `finished` is set by FailNow and SkipNow (Fatal,
// Skip), as Go's common.finished. `parent` is the common of the test that
// ran this one with t.Run or b.Run (0 for a top-level test or benchmark):
// a failure marks it failed too. The log goes to the driver (host
// testwrite), which keeps it with the rest of go test's output. helpers
// holds the table indexes of the functions that called Helper (at most
// TB_MAXHELPERS; later ones are not recorded).
export const TB_FAILED = 0;
export const TB_SKIPPED = 1;
export const TB_BENCH = 2;
export const TB_FINISHED = 3;
export const TB_PARENT = 4;
export const TB_NAMEPTR = 8;
export const TB_NAMELEN = 12;
export const TB_NHELPERS = 16;
export const TB_HELPERS = 20;
export const TB_MAXHELPERS = 16;
export const TB_COMMON_SIZE = 88;
// testing.B after the common part: N (the Go-visible field, an int), then
// the timer: whether it runs, when it was started, the time and allocation
// counts accumulated while it ran, and the counts when it was started.
export const TB_N = 88;
export const TB_TIMERON = 96;
export const TB_SHOWALLOCS = 97;
export const TB_START = 104;
export const TB_DURATION = 112;
export const TB_NETALLOCS = 120;
export const TB_NETBYTES = 128;
export const TB_STARTALLOCS = 136;
export const TB_STARTBYTES = 140;
export const TB_B_SIZE = 144;

// A testing log call (t.Log, t.Errorf, ...): the compiler builds this
// record and passes its address with the method's mode bits. The format
// string is used with TLOG_FORMAT; args are `nargs` interfaces {tab, data}.
export const LOGREC_FMTPTR = 0;
export const LOGREC_FMTLEN = 4;
export const LOGREC_NARGS = 8;
export const LOGREC_ARGS = 12;
export const TLOG_FORMAT = 1;
export const TLOG_FAIL = 2;
export const TLOG_SKIP = 4;
export const TLOG_STOP = 8;
