import { Worker } from 'node:worker_threads'
import type { BacktestAggregate } from '~/domain/backtest/aggregate'
import type { FromPieceWorker, PieceReport, PieceSetup, ToPieceWorker } from './read-file.server'

/*
 * The worker threads that parse, score and count a back-test's pieces (worker.ts), kept by the
 * process between runs. They start when a file is uploaded (the runner warms them), so that a run
 * does not wait for isolates to boot and load their code, and they stay after a run, their code
 * loaded and compiled, for the next one. A read leases them: each is told the read's setup
 * (mapping, models) by message, reads pieces, and hands its tally back; then it returns to the
 * pool. A read that fails or is cancelled terminates its threads (one may be mid-piece), and the
 * pool starts fresh ones when next asked. Idle threads do not keep the process alive.
 */

/** Each reading thread's old generation: one that needs more is stopped, and the read fails. */
const WORKER_OLD_GENERATION_MB = 256
/** A small young generation: each piece's garbage is collected soon rather than piling up in every thread (peak RSS). */
const WORKER_YOUNG_GENERATION_MB = 16

export class ReadingThreads {
  private readonly idle = new Set<Worker>()
  /** Threads a read holds now. */
  private leased = 0

  /**
   * @param size the threads kept (one per core for the runner)
   * @param file where the worker's code is (worker.ts, or its bundle)
   */
  constructor(readonly size: number, private readonly file: () => Promise<string | URL>) {}

  /** Starts threads until `size` are idle, so that the next read finds them booted. */
  async warm(): Promise<void> {
    if (this.idle.size + this.leased >= this.size) return
    const file = await this.file()
    while (this.idle.size + this.leased < this.size) this.idle.add(this.spawn(file))
  }

  /** Threads for one read, told its setup; `count` of them, started now if too few are idle. */
  async lease(count: number, setup: PieceSetup): Promise<PieceLease> {
    const file = await this.file()
    const workers: Worker[] = []
    for (const worker of this.idle) {
      if (workers.length === count) break
      this.idle.delete(worker)
      workers.push(worker)
    }
    while (workers.length < count) workers.push(this.spawn(file))
    this.leased += workers.length
    return new PieceLease(workers, setup, (worker, whole) => {
      this.leased--
      if (!whole || this.idle.size + this.leased >= this.size) return worker.terminate().then(() => undefined)
      worker.unref()
      this.idle.add(worker)
      return Promise.resolve()
    })
  }

  /** The idle threads, by id (tests). */
  idleThreadIds(): number[] {
    return [...this.idle].map((worker) => worker.threadId)
  }

  /** Stops the idle threads (tests; a leased thread stops with its read). */
  async stop(): Promise<void> {
    const workers = [...this.idle]
    this.idle.clear()
    await Promise.all(workers.map((worker) => worker.terminate()))
  }

  private spawn(file: string | URL): Worker {
    const worker = new Worker(file, {
      resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    })
    worker.unref()
    // An idle thread that fails or exits is forgotten; the next read starts another.
    const forget = () => this.idle.delete(worker)
    worker.on('error', forget)
    worker.on('exit', forget)
    return worker
  }
}

/** Leased threads reading the pieces of one read; each piece goes to the one with the fewest waiting. */
export class PieceLease {
  private readonly slots: {
    worker: Worker
    busy: number
    aggregates?: (aggregates: BacktestAggregate[]) => void
    listen: (message: FromPieceWorker) => void
  }[] = []
  private readonly waiting = new Map<number, { resolve: (report: PieceReport) => void; reject: (error: Error) => void }>()
  private failure: Error | undefined
  private readonly failed: Promise<never>
  private readonly fail: (error: Error) => void
  private readonly onError = (error: Error) => this.stopWith(error)
  private readonly onExit = (code: number) => this.stopWith(new Error(`a reading thread stopped (exit code ${code})`))
  private ended = false

  constructor(
    workers: Worker[],
    setup: PieceSetup,
    /** Takes a thread back: `whole` after a whole read (it may serve the next one), otherwise to stop it. */
    private readonly giveBack: (worker: Worker, whole: boolean) => Promise<void>,
  ) {
    let fail: (error: Error) => void = () => {}
    this.failed = new Promise<never>((_, reject) => (fail = reject))
    this.failed.catch(() => undefined)
    this.fail = fail
    for (const worker of workers) {
      const slot: (typeof this.slots)[number] = {
        worker,
        busy: 0,
        listen: (message) => {
          if (message.kind === 'aggregates') return slot.aggregates?.(message.aggregates)
          slot.busy--
          const waiter = this.waiting.get(message.seq)
          this.waiting.delete(message.seq)
          waiter?.resolve(message.report)
        },
      }
      worker.ref()
      worker.on('message', slot.listen)
      worker.on('error', this.onError)
      worker.on('exit', this.onExit)
      worker.postMessage({ kind: 'setup', setup } satisfies ToPieceWorker)
      this.slots.push(slot)
    }
  }

  /** Pieces sent and not yet reported. */
  get queued() {
    return this.waiting.size
  }

  read(seq: number, piece: Buffer): Promise<PieceReport> {
    if (this.failure) return Promise.reject(this.failure)
    const slot = this.slots.reduce((least, candidate) => (candidate.busy < least.busy ? candidate : least))
    slot.busy++
    // A piece starts its own memory (readBacktestFile), so that memory moves to the worker without a copy.
    const bytes = piece.byteOffset === 0 ? (piece.buffer as ArrayBuffer) : new Uint8Array(piece).buffer
    return new Promise<PieceReport>((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject })
      slot.worker.postMessage({ kind: 'piece', seq, bytes, length: piece.length } satisfies ToPieceWorker, [bytes])
    })
  }

  /** Each thread's tally, once every piece is reported; the threads then go back to the pool. */
  async aggregates(): Promise<BacktestAggregate[][]> {
    const all = Promise.all(
      this.slots.map(
        (slot) =>
          new Promise<BacktestAggregate[]>((resolve) => {
            slot.aggregates = resolve
            slot.worker.postMessage({ kind: 'finish' } satisfies ToPieceWorker)
          }),
      ),
    )
    const shares = await Promise.race([all, this.failed])
    void this.end(true)
    return shares
  }

  /** Stops the threads unless they went back to the pool; pieces still waiting fail (a cancelled read must not wait for them). */
  async close() {
    this.stopWith(new Error('The read was stopped.'))
    await this.end(false)
  }

  private stopWith(error: Error) {
    if (this.failure) return
    this.failure = error
    this.fail(error)
    for (const waiter of this.waiting.values()) waiter.reject(error)
    this.waiting.clear()
  }

  /** Detaches from the threads and gives them back, once: after a whole read to serve again, otherwise to stop (resolves once stopped). */
  private async end(whole: boolean): Promise<void> {
    if (this.ended) return
    this.ended = true
    const given = this.slots.splice(0).map((slot) => {
      slot.worker.off('message', slot.listen)
      slot.worker.off('error', this.onError)
      slot.worker.off('exit', this.onExit)
      return this.giveBack(slot.worker, whole)
    })
    await Promise.all(given)
  }
}
