import { createLawline } from './assistant/lawline.js';
import { loadConfig } from './config/config.js';
import { createLogger } from './logging/logger.js';
import { exampleTokens } from './knowledge/example-index.js';
const lawline = createLawline({ config: loadConfig(), log: createLogger('warn') });
for (const q of process.argv.slice(2)) { const a = lawline.pipeline.analyse(q); console.log(q, JSON.stringify(exampleTokens(a).words)); }
