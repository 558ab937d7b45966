import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import type { Translator } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';

/** What a feature's routes may use; createApp builds one and hands it to each feature. */
export interface FeatureDeps {
  db: Db;
  config: Config;
  translator: Translator;
  logger: Logger;
}
