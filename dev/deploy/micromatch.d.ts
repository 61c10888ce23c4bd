// The one function of micromatch (the matcher clasp uses for .claspignore) that dev/deploy calls.
declare module 'micromatch' {
  interface Options {
    dot?: boolean;
  }
  const micromatch: { not(list: readonly string[], patterns: readonly string[], options?: Options): string[] };
  export default micromatch;
}
