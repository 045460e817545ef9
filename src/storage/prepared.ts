/**
 * Queries built once and run many times. Building and compiling a Kysely query
 * costs several times what SQLite takes to answer a small indexed one, and the
 * busiest paths (who is signed in, the case page) run the same few queries on
 * every request. Such a query is built with a placeholder for each value,
 * compiled once per database, and afterwards only its parameter list changes.
 *
 * Every value of a prepared query must come from its arguments: the compiled
 * form is checked so a literal cannot be frozen in by mistake. A list whose
 * length varies (`in (…)`) has no fixed form; give it fixed slots.
 */
import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './database.js';

class Slot {
  constructor(readonly name: string) {}
}

type Slots<A> = { readonly [K in keyof A]: A[K] };

interface Compiled<A, R> {
  query: CompiledQuery<R>;
  names: Array<keyof A>;
}

export function preparedQuery<A extends Record<string, unknown>, R>(
  build: (db: Db, args: Slots<A>) => Compilable<R>,
): (db: Db, args: A) => Promise<R[]> {
  // Per Kysely instance: tests and tools open several databases in one process.
  const compiled = new WeakMap<Db, Compiled<A, R>>();

  const compile = (db: Db): Compiled<A, R> => {
    const slots = new Proxy({}, {
      get: (_target, name) => new Slot(String(name)),
    }) as Slots<A>;
    const query = build(db, slots).compile();
    const names = query.parameters.map((value) => {
      if (!(value instanceof Slot)) {
        throw new Error(`prepared query has a value not taken from its arguments: ${query.sql}`);
      }
      return value.name as keyof A;
    });
    return { query, names };
  };

  return async (db, args) => {
    let prepared = compiled.get(db);
    if (!prepared) {
      prepared = compile(db);
      compiled.set(db, prepared);
    }
    const parameters = prepared.names.map((name) => args[name]);
    const result = await db.executeQuery<R>({ ...prepared.query, parameters });
    return result.rows;
  };
}
