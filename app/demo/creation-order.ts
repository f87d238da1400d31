/**
 * Lists show rows in creation order (`created_at`, in milliseconds, then the random id). Inside the
 * seed's one transaction, consecutive inserts can share a millisecond and would then come out in
 * random order; waiting for the clock to move on keeps the order in which the demo adds them.
 */
export async function nextMillisecond() {
  const start = Date.now()
  while (Date.now() <= start) await new Promise((resolve) => setTimeout(resolve, 1))
}
