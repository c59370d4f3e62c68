#!/usr/bin/env node
// `npx tradegraph ...`: the project's CLI, written in TypeScript and run through tsx.
import { register } from "tsx/esm/api";

register();
await import("../cli/main.ts");
