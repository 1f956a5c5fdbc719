// Copies non-TypeScript runtime assets (the Redis Lua scripts and their includes/) from src/ to dist/ after tsc.
import { cpSync, existsSync } from 'node:fs';

const from = 'src/engine/redis/scripts';
if (existsSync(from)) cpSync(from, 'dist/engine/redis/scripts', { recursive: true, filter: (p) => !p.endsWith('.ts') });
