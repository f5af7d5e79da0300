// Requests that wait for the worker's answer (the API's predict, save and load): each gets an
// id, which the worker echoes in its answer or in its error, and a promise settled by it.

export function createRequests() {
  let lastId = 0;
  const pending = new Map();  // id -> {resolve, reject}

  function settle(id, how, value) {
    const entry = pending.get(id);
    if (!entry) return false;
    pending.delete(id);
    entry[how](value);
    return true;
  }

  return {
    /** @returns {{id: number, promise: Promise<any>}} */
    open() {
      const id = ++lastId;
      const promise = new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
      return { id, promise };
    },
    /** True when `id` was one of ours (and is now settled). */
    resolve: (id, value) => settle(id, 'resolve', value),
    reject: (id, error) => settle(id, 'reject', error),
    /** Everything still waiting fails (the worker died or the element went away). */
    rejectAll(error) {
      for (const { reject } of pending.values()) reject(error);
      pending.clear();
    },
  };
}
