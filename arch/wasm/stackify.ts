// Structured control flow for wasm: turns a control-flow graph into nested
// `block`/`loop`/`if` with `br`/`br_if`/`br_table`, following "Beyond
// Relooper" (Norman Ramsey, 2022): walk the dominator tree in reverse
// postorder; a node with a back edge into it is wrapped in a `loop`; each
// dominator-tree child with two or more forward in-edges (a merge node) gets
// a `block` ending right before its code, inside its immediate dominator;
// any other child is emitted inline at its only forward in-edge.
//
// The algorithm needs a reducible graph, and Go's `goto` can build
// irreducible ones. Before it runs, every loop with several entries gets a
// dispatch node (as LLVM's WebAssemblyFixIrreducibleControlFlow does): edges
// into any entry of the loop set a label local to the entry's number and go
// to the dispatcher, which `br_table`s to the entry. That keeps code size
// linear, where node splitting can grow exponentially.

import type { BlockType, Instr } from "../../host/linker/obj.js";

/** A branch target: a `block`, `loop` or `if` opened by a CodeBuilder. */
export class Label {
  constructor(readonly name: string) {}
}

/**
 * Instructions of one function body, with the open control constructs
 * tracked so branches name their target by Label and the depth is computed.
 */
export class CodeBuilder {
  readonly code: Instr[] = [];
  private readonly open: (Label | null)[] = [];

  emit(...instrs: Instr[]): void {
    this.code.push(...instrs);
  }

  begin(op: "block" | "loop" | "if", label: Label | null = null, bt: BlockType = null): void {
    this.code.push(bt === null ? { op } : { op, bt });
    this.open.push(label);
  }

  else(): void {
    this.code.push({ op: "else" });
  }

  end(): void {
    if (this.open.pop() === undefined) throw new Error("end without an open block");
    this.code.push({ op: "end" });
  }

  br(label: Label): void {
    this.code.push({ op: "br", imm: [this.depth(label)] });
  }

  brIf(label: Label): void {
    this.code.push({ op: "br_if", imm: [this.depth(label)] });
  }

  /** `br_table` to targets[i] for i in range, to the last target otherwise. */
  brTable(targets: Label[]): void {
    this.code.push({ op: "br_table", imm: targets.map((t) => this.depth(t)) });
  }

  /** True when control cannot reach the next instruction in straight line. */
  endsInTransfer(): boolean {
    const last = this.code[this.code.length - 1]?.op;
    return last === "br" || last === "br_table" || last === "return" || last === "unreachable";
  }

  private depth(label: Label): number {
    const i = this.open.lastIndexOf(label);
    if (i < 0) throw new Error(`branch to ${label.name}, which is not open here`);
    return this.open.length - 1 - i;
  }
}

/** A successor meaning "leave the structured code": a `br` to the exit label. */
export const EXIT = -1;

/** The graph to structure. Nodes are 0 .. succs.length-1. */
export interface Cfg {
  entry: number;
  /**
   * Successors of each node, EXIT allowed. With two successors the node's
   * code leaves an i32 condition: non-zero goes to succs[0], zero to
   * succs[1]. With none, the node's code ends in `return` or `unreachable`.
   */
  succs: number[][];
}

export interface StackifyHooks {
  /** Emits the code of a node, before its branch. */
  emitNode(node: number): void;
  /** A fresh i32 local; used for the label of irreducible regions. */
  newLocal(): number;
}

/**
 * Emits `cfg` into `b` as structured code. Nodes not reachable from the
 * entry are left out. EXIT edges branch to `exit`, which must be open.
 */
export function stackify(cfg: Cfg, b: CodeBuilder, hooks: StackifyHooks, exit?: Label): void {
  const g = buildGraph(cfg);
  let s = new Structurer(g, b, hooks, exit);
  if (!s.isReducible()) {
    makeReducible(g);
    s = new Structurer(g, b, hooks, exit);
  }
  s.run();
}

// The working graph: the CFG's nodes, a synthetic start node (so the entry
// may have predecessors and be part of an irreducible loop) and dispatchers.

interface Edge {
  to: number;
  /** Value the edge stores to the label local before branching (to a dispatcher). */
  setLabel?: number;
}

interface Node {
  edges: Edge[];
  /** A dispatcher: `br_table`s on the label local to its edges' targets. */
  dispatch: boolean;
  /** Index in the Cfg, or -1 for synthetic nodes. */
  cfgNode: number;
}

interface Graph {
  nodes: Node[];
  start: number;
}

function buildGraph(cfg: Cfg): Graph {
  const nodes: Node[] = cfg.succs.map((succs, i) => ({
    edges: succs.map((to) => ({ to })),
    dispatch: false,
    cfgNode: i,
  }));
  const start = nodes.length;
  nodes.push({ edges: [{ to: cfg.entry }], dispatch: false, cfgNode: -1 });
  return { nodes, start };
}

function reachable(g: Graph): Set<number> {
  const seen = new Set<number>([g.start]);
  const work = [g.start];
  while (work.length > 0) {
    for (const e of g.nodes[work.pop()!].edges) {
      if (e.to !== EXIT && !seen.has(e.to)) {
        seen.add(e.to);
        work.push(e.to);
      }
    }
  }
  return seen;
}

/**
 * Gives every loop a single entry, level by level of the loop nest: in each
 * region, a strongly connected component entered at one node has that node
 * as header and its body is examined the same way; one entered at several
 * nodes gets a dispatcher that becomes its only entry.
 */
function makeReducible(g: Graph): void {
  const preds = predecessors(g);
  const regions: Set<number>[] = [new Set(preds.keys())];
  while (regions.length > 0) {
    const region = regions.pop()!;
    for (const scc of cyclicComponents(g, region)) {
      const entries = [...scc].filter((v) => preds.get(v)!.some((u) => !scc.has(u))).sort((a, b) => a - b);
      if (entries.length === 1) {
        scc.delete(entries[0]);
      } else {
        addDispatcher(g, preds, entries);
      }
      regions.push(scc);
    }
  }
}

/** Predecessors of every node reachable from the start, the start included. */
function predecessors(g: Graph): Map<number, number[]> {
  const preds = new Map<number, number[]>();
  for (const v of reachable(g)) {
    if (!preds.has(v)) preds.set(v, []);
    for (const e of g.nodes[v].edges) {
      if (e.to === EXIT) continue;
      const list = preds.get(e.to);
      if (list === undefined) preds.set(e.to, [v]);
      else list.push(v);
    }
  }
  return preds;
}

/** Sends every edge into one of `entries` through a new dispatcher that sets the label to the entry's position. */
function addDispatcher(g: Graph, preds: Map<number, number[]>, entries: number[]): void {
  const d = g.nodes.length;
  g.nodes.push({ edges: entries.map((to) => ({ to })), dispatch: true, cfgNode: -1 });
  const dPreds: number[] = [];
  entries.forEach((entry, i) => {
    for (const u of new Set(preds.get(entry))) {
      for (const e of g.nodes[u].edges) {
        if (e.to !== entry) continue;
        e.to = d;
        e.setLabel = i;
        dPreds.push(u);
      }
    }
    preds.set(entry, [d]);
  });
  preds.set(d, dPreds);
}

/** Strongly connected components of the subgraph on `region` that contain a cycle (Tarjan). */
function cyclicComponents(g: Graph, region: Set<number>): Set<number>[] {
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  const out: Set<number>[] = [];
  const succsIn = (v: number) => g.nodes[v].edges.map((e) => e.to).filter((w) => region.has(w));

  for (const root of region) {
    if (index.has(root)) continue;
    // Iterative DFS: each frame is a node, its successors in the region and the next one to look at.
    const frames: { v: number; succs: number[]; next: number }[] = [];
    const visit = (v: number) => {
      index.set(v, index.size);
      low.set(v, index.get(v)!);
      stack.push(v);
      onStack.add(v);
      frames.push({ v, succs: succsIn(v), next: 0 });
    };
    visit(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const v = frame.v;
      if (frame.next < frame.succs.length) {
        const w = frame.succs[frame.next++];
        if (!index.has(w)) visit(w);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1].v;
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const scc = new Set<number>();
        let w: number;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.add(w);
        } while (w !== v);
        if (scc.size > 1 || frame.succs.includes(v)) out.push(scc);
      }
    }
  }
  return out;
}

/** Ramsey's translation of a reducible graph, over its dominator tree. */
class Structurer {
  private readonly rpo = new Map<number, number>();
  private readonly order: number[] = [];
  private readonly domChildren = new Map<number, number[]>();
  private readonly forwardIn = new Map<number, number>();
  private readonly loopHeaders = new Set<number>();
  private readonly dispatchTargets = new Set<number>();
  private readonly blockLabels = new Map<number, Label>();
  private readonly loopLabels = new Map<number, Label>();
  private labelLocal = -1;
  private readonly tasks: (() => void)[] = [];

  constructor(
    private readonly g: Graph,
    private readonly b: CodeBuilder,
    private readonly hooks: StackifyHooks,
    private readonly exit: Label | undefined,
  ) {
    this.numberReversePostorder();
    this.classifyEdges();
    this.buildDominatorTree();
  }

  /** True when every edge to an earlier node in reverse postorder goes to a dominator: a loop entered only at its header. */
  isReducible(): boolean {
    const { pre, post } = this.dominatorTreeIntervals();
    const dominates = (a: number, b: number) => pre.get(a)! <= pre.get(b)! && post.get(b)! <= post.get(a)!;
    return this.order.every((v) =>
      this.g.nodes[v].edges.every((e) => e.to === EXIT || !this.isBackward(v, e.to) || dominates(e.to, v)),
    );
  }

  /** Pre- and postorder numbers of a walk of the dominator tree: a dominates b iff a's interval contains b's. */
  private dominatorTreeIntervals(): { pre: Map<number, number>; post: Map<number, number> } {
    const pre = new Map<number, number>();
    const post = new Map<number, number>();
    let clock = 0;
    const frames: { v: number; next: number }[] = [{ v: this.g.start, next: 0 }];
    pre.set(this.g.start, clock++);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const children = this.domChildren.get(frame.v) ?? [];
      if (frame.next < children.length) {
        const c = children[frame.next++];
        pre.set(c, clock++);
        frames.push({ v: c, next: 0 });
      } else {
        post.set(frame.v, clock++);
        frames.pop();
      }
    }
    return { pre, post };
  }

  run(): void {
    this.doTree(this.g.start);
    while (this.tasks.length > 0) this.tasks.pop()!();
  }

  /**
   * Runs `steps` in order right after the current step. The translation is
   * recursive in the nesting of the code, which for long chains of blocks
   * is deeper than the JavaScript stack, so pending work is kept here.
   */
  private then(...steps: (() => void)[]): void {
    for (let i = steps.length - 1; i >= 0; i--) this.tasks.push(steps[i]);
  }

  private numberReversePostorder(): void {
    const post: number[] = [];
    const seen = new Set<number>([this.g.start]);
    const frames: [number, number][] = [[this.g.start, 0]];
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const edges = this.g.nodes[frame[0]].edges;
      if (frame[1] < edges.length) {
        const w = edges[frame[1]++].to;
        if (w !== EXIT && !seen.has(w)) {
          seen.add(w);
          frames.push([w, 0]);
        }
        continue;
      }
      post.push(frame[0]);
      frames.pop();
    }
    post.reverse().forEach((v, i) => {
      this.rpo.set(v, i);
      this.order.push(v);
    });
  }

  private isBackward(from: number, to: number): boolean {
    return this.rpo.get(to)! <= this.rpo.get(from)!;
  }

  private classifyEdges(): void {
    for (const v of this.order) {
      const node = this.g.nodes[v];
      for (const e of node.edges) {
        if (e.to === EXIT) continue;
        if (this.isBackward(v, e.to)) this.loopHeaders.add(e.to);
        else this.forwardIn.set(e.to, (this.forwardIn.get(e.to) ?? 0) + 1);
        // br_table can only name labels, so a dispatcher's targets get blocks.
        if (node.dispatch) this.dispatchTargets.add(e.to);
      }
    }
  }

  /** Cooper, Harvey and Kennedy's iterative dominators, over reverse postorder. */
  private buildDominatorTree(): void {
    const preds = new Map<number, number[]>();
    for (const v of this.order) {
      for (const e of this.g.nodes[v].edges) {
        if (e.to === EXIT) continue;
        const list = preds.get(e.to);
        if (list === undefined) preds.set(e.to, [v]);
        else list.push(v);
      }
    }
    const idom = new Map<number, number>([[this.g.start, this.g.start]]);
    const intersect = (a: number, b: number) => {
      while (a !== b) {
        while (this.rpo.get(a)! > this.rpo.get(b)!) a = idom.get(a)!;
        while (this.rpo.get(b)! > this.rpo.get(a)!) b = idom.get(b)!;
      }
      return a;
    };
    for (let changed = true; changed; ) {
      changed = false;
      for (const v of this.order.slice(1)) {
        const done = (preds.get(v) ?? []).filter((p) => idom.has(p));
        const d = done.reduce(intersect);
        if (idom.get(v) !== d) {
          idom.set(v, d);
          changed = true;
        }
      }
    }
    for (const v of this.order.slice(1)) {
      const parent = idom.get(v)!;
      const children = this.domChildren.get(parent);
      if (children === undefined) this.domChildren.set(parent, [v]);
      else children.push(v);
    }
  }

  private isMerge(v: number): boolean {
    return (this.forwardIn.get(v) ?? 0) >= 2 || this.dispatchTargets.has(v);
  }

  private doTree(x: number): void {
    // domChildren are in reverse postorder, so code follows it.
    const merges = (this.domChildren.get(x) ?? []).filter((c) => this.isMerge(c));
    if (this.loopHeaders.has(x)) {
      this.b.begin("loop", this.loopLabel(x));
      this.then(
        () => this.nodeWithin(x, merges),
        () => this.b.end(),
      );
    } else {
      this.nodeWithin(x, merges);
    }
  }

  private nodeWithin(x: number, merges: number[]): void {
    for (let i = merges.length - 1; i >= 0; i--) this.b.begin("block", this.blockLabel(merges[i]));
    this.then(
      () => this.emitNodeAndBranch(x),
      ...merges.flatMap((m) => [() => this.b.end(), () => this.doTree(m)]),
    );
  }

  private emitNodeAndBranch(x: number): void {
    const node = this.g.nodes[x];
    if (node.dispatch) {
      // Its targets' only predecessor is the dispatcher, so no later
      // dispatcher ever redirects these edges and they set no label.
      if (node.edges.some((e) => e.setLabel !== undefined)) throw new Error("a dispatcher's edge sets a label");
      this.b.emit({ op: "local.get", imm: [this.label()] });
      this.b.brTable(node.edges.map((e) => this.blockLabel(e.to)));
      return;
    }
    if (node.cfgNode >= 0) this.hooks.emitNode(node.cfgNode);
    switch (node.edges.length) {
      case 0:
        return;
      case 1:
        this.doBranch(x, node.edges[0]);
        return;
      case 2:
        this.conditionalBranch(x, node.edges[0], node.edges[1]);
        return;
      default:
        throw new Error(`node ${node.cfgNode} has ${node.edges.length} successors`);
    }
  }

  /** With the condition on the stack: non-zero takes `then`. */
  private conditionalBranch(x: number, then: Edge, other: Edge): void {
    if (this.isPlainJump(x, then)) {
      this.b.brIf(this.jumpLabel(x, then.to));
      this.doBranch(x, other);
    } else if (this.isPlainJump(x, other)) {
      this.b.emit({ op: "i32.eqz" });
      this.b.brIf(this.jumpLabel(x, other.to));
      this.doBranch(x, then);
    } else {
      this.b.begin("if");
      this.then(
        () => this.doBranch(x, then),
        () => this.b.else(),
        () => this.doBranch(x, other),
        () => this.b.end(),
      );
    }
  }

  /** An edge that is a single `br`: no label to set and not emitted inline. */
  private isPlainJump(from: number, e: Edge): boolean {
    return e.setLabel === undefined && (e.to === EXIT || this.isBackward(from, e.to) || this.isMerge(e.to));
  }

  private doBranch(from: number, e: Edge): void {
    if (e.setLabel !== undefined) {
      this.b.emit({ op: "i32.const", imm: [e.setLabel] }, { op: "local.set", imm: [this.label()] });
    }
    if (e.to !== EXIT && !this.isBackward(from, e.to) && !this.isMerge(e.to)) {
      this.doTree(e.to);
    } else {
      this.b.br(this.jumpLabel(from, e.to));
    }
  }

  private jumpLabel(from: number, to: number): Label {
    if (to === EXIT) {
      if (this.exit === undefined) throw new Error("an edge leaves the graph but there is no exit label");
      return this.exit;
    }
    return this.isBackward(from, to) ? this.loopLabel(to) : this.blockLabel(to);
  }

  private blockLabel(v: number): Label {
    return labelFor(this.blockLabels, v, `block${v}`);
  }

  private loopLabel(v: number): Label {
    return labelFor(this.loopLabels, v, `loop${v}`);
  }

  private label(): number {
    if (this.labelLocal < 0) this.labelLocal = this.hooks.newLocal();
    return this.labelLocal;
  }
}

function labelFor(labels: Map<number, Label>, v: number, name: string): Label {
  let l = labels.get(v);
  if (l === undefined) {
    l = new Label(name);
    labels.set(v, l);
  }
  return l;
}
