/** Child process for the Ctrl-C test: starts an embedded server, prints its URLs, then waits. */
import { EmbeddedProvider } from '../../../src/harness/stack/embedded-provider.js';

const urls = await new EmbeddedProvider().up();
process.stdout.write(`${JSON.stringify(urls)}\n`);
// Stay alive until a signal arrives; the provider's cleanup hook must stop the server then.
setInterval(() => undefined, 60_000);
