// The two UMD bundles of swagger-ui-dist the reference page uses (the package ships no types).
declare module 'swagger-ui-dist/swagger-ui-bundle.js' {
  interface SwaggerUIBundle {
    (options: Record<string, unknown>): unknown;
    presets: { apis: unknown };
  }
  const bundle: SwaggerUIBundle;
  export default bundle;
}
declare module 'swagger-ui-dist/swagger-ui-standalone-preset.js' {
  const preset: unknown;
  export default preset;
}
