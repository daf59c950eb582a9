/** Ids of the report page's places a row can link to, made from scenario and step names. */

const slug = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'x';

/** A scenario's server side: its statements, pool, caches and memory. */
export const serverAnchor = (scenario: string): string => `server-${slug(scenario)}`;

/** A load step's row in its scenario's generator table. */
export const generatorAnchor = (scenario: string, step: string): string => `generator-${slug(scenario)}-${slug(step)}`;

/** A step's stored query plans. */
export const planAnchor = (scenario: string, step: string): string => `plan-${slug(scenario)}-${slug(step)}`;
