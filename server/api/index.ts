// The public JSON API: /api/v1 (read-only, paged, cached) and its OpenAPI document.
export { apiRoutes } from './routes.ts';
export { defaultApiRateLimit, type ApiRateLimit } from './api-headers.ts';
export { openApiDocument } from './openapi.ts';
