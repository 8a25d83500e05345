/** Waits for every operation, so none is left running unobserved, then rejects with the first failure, if any. */
export async function settleAll(operations: Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(operations);
  const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason as unknown;
}
