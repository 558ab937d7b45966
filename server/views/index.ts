export { configureViews } from './engine.ts';
export { helpers } from './helpers/index.ts';
export { publicDir, viewsDir } from './paths.ts';
export { assetVersion } from './asset-version.ts';
