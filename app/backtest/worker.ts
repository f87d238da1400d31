import { parentPort } from 'node:worker_threads'
import { servePieces } from './read-file.server'

/*
 * A back-test's reading thread: parses, maps, scores and counts the pieces of a file that the
 * server's thread reads and hands out (read-file.server.ts), off the server's event loop, so the
 * app keeps answering while a million leads are scored. The runner keeps one per core between
 * runs (reading-threads.server.ts); each read sends its setup, then pieces. It reports each
 * piece's rows and bad rows, and its share of the counts when asked. Bundled to
 * build/bin/backtest-worker.mjs for production (scripts/build-bin.mjs); bundled from this source
 * for each process otherwise (app/http/worker-file.server.ts).
 */

if (!parentPort) throw new Error('The back-test worker runs in a worker thread.')
servePieces(parentPort)
