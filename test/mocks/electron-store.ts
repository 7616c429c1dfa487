// electron-store as the entry uses it (get/set/delete by key), kept in memory: the shared mock's userData has no
// file to write. `stores` lets a test read what the app remembered.
export const stores = new Map<string, Map<string, unknown>>();

export default class Store<T extends Record<string, unknown>> {
  private readonly data: Map<string, unknown>;
  constructor(o: { name?: string } = {}) {
    const name = o.name ?? 'config';
    this.data = stores.get(name) ?? new Map();
    stores.set(name, this.data);
  }
  get<K extends keyof T & string>(key: K): T[K] | undefined {
    return this.data.get(key) as T[K] | undefined;
  }
  set<K extends keyof T & string>(key: K, value: T[K]): void {
    this.data.set(key, value);
  }
  delete(key: keyof T & string): void {
    this.data.delete(key);
  }
}
