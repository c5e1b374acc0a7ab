import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", ".neo4j/", "dist/", "dist.tmp/", "exports/", "public/vendor/"] },
  js.configs.recommended,
  // Type-aware: promises nobody awaits, promises where a callback must return nothing, and the
  // unsafe `any` flows the compiler lets through.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      // Apollo plugins, Express handlers and test cases implement interfaces that return
      // promises; an async function without await is the plain way to write those.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Tests read untyped JSON responses and driver records and check them with expect().
    files: ["test/**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
    },
  },
  // Plain JavaScript (the GraphiQL browser entry, this file) is outside the TypeScript project.
  { files: ["**/*.js", "**/*.mjs"], ...tseslint.configs.disableTypeChecked },
);
