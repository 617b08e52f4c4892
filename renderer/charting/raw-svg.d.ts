// Vite's `?raw` imports: the file's text, bundled (the diagrams in resources/ are read this way).
declare module '*.svg?raw' {
  const text: string;
  export default text;
}
