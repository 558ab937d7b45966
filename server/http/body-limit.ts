// Above the largest form (a challenge: ~30,000 characters, up to 9 bytes each once encoded) so an
// over-long field gets the form back with its limit named, not a bare "too large" page.
export const BODY_LIMIT_MEGABYTES = 2;
export const BODY_LIMIT = `${BODY_LIMIT_MEGABYTES}mb`;
