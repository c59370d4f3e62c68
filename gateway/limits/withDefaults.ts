/** `options` over `defaults`, where an option left `undefined` keeps its default rather than erasing it. */
export function withDefaults<T extends object>(defaults: Readonly<Required<T>>, options: T): Required<T> {
  const given = Object.entries(options).filter(([, value]) => value !== undefined);
  return { ...defaults, ...Object.fromEntries(given) } as Required<T>;
}
