/**
 * The architecture as rules (`npm run lint` runs them): the domain is pure, each layer imports only the layers below
 * it, and nothing imports in a cycle. docs/architecture.md explains the layers.
 */
const layer = (name, mayImport) => ({
  name: `${name}-imports-only-${mayImport.join("-") || "itself"}`,
  comment: `functions/${name} may import only ${["itself", ...mayImport].join(", ")} among the folders of functions/.`,
  severity: "error",
  from: { path: `^functions/${name}/` },
  to: { path: `^functions/(?!(${[name, ...mayImport].join("|")})/)` },
});

module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      comment: "A cycle means two modules cannot be understood (or tested) one without the other.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "domain-imports-no-infrastructure",
      comment: "The domain is pure logic: no AWS SDK, no HTTP framework, no model client, no Node I/O.",
      severity: "error",
      from: { path: "^functions/domain/" },
      to: {
        path: "(^|/)node_modules/(@aws-sdk|@aws-lambda-powertools|hono|@hono|openai|@shopify|dynalite|local-aws-sqs)/|^(fs|node:fs|http|node:http|https|node:https|net|node:net|child_process|node:child_process)$",
      },
    },
    layer("domain", []),
    layer("ai", ["domain"]),
    layer("adapters", ["domain"]),
    layer("channels", ["domain", "adapters"]),
    layer("workers", ["domain", "ai", "adapters", "channels"]),
    layer("http", ["domain", "ai", "adapters", "channels"]),
    // The composition root: it builds what http and workers declare they need.
    layer("config", ["domain", "ai", "adapters", "channels", "http", "workers"]),
    layer("handlers", ["config", "http", "workers", "domain", "adapters"]),
    {
      name: "nothing-imports-the-local-stack",
      comment: "functions/local is npm start and the tests' composition root; Lambda code never depends on it.",
      severity: "error",
      from: { path: "^functions/(?!local/)" },
      to: { path: "^functions/local/" },
    },
    {
      name: "fakes-only-from-tests-and-local",
      comment:
        "The in-memory ports (functions/domain/fakes) are for tests and local runs; no Lambda code may reach them.",
      severity: "error",
      from: { path: "^functions/(?!local/|domain/fakes/)" },
      to: { path: "^functions/domain/fakes/" },
    },
  ],
  options: {
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
    tsPreCompilationDeps: true,
  },
};
