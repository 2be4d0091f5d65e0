/** A minimal typed event emitter: listeners in a Set, so adding one twice cannot double-fire. */
type Listener = (...args: never[]) => void;

export class Emitter<Events extends { [K in keyof Events]: Listener }> {
  private readonly listeners: { [K in keyof Events]?: Set<Events[K]> } = {};

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof Events>(event: K, listener: Events[K]): () => void {
    const set = this.listeners[event] ?? new Set<Events[K]>();
    this.listeners[event] = set;
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit<K extends keyof Events>(event: K, ...args: Parameters<Events[K]>): void {
    const set = this.listeners[event];
    if (!set) return;
    for (const listener of [...set]) (listener as (...a: Parameters<Events[K]>) => void)(...args);
  }

  /** Number of listeners (all events): lets tests prove nothing leaks across reconnects. */
  get size(): number {
    let total = 0;
    for (const key in this.listeners) total += this.listeners[key]?.size ?? 0;
    return total;
  }
}
