import { expect, it } from 'vitest';
import { LoopbackContainer, serviceContainerDefinition } from '../../../src/harness/stack/service-container.js';

/** The create options the container would send to the engine (built without one). */
class Inspected extends LoopbackContainer {
  portBindings(): unknown {
    return this.hostConfig.PortBindings;
  }
  exposedPortsToCreate(): unknown {
    return this.createOpts.ExposedPorts;
  }
}

it("asks Docker to publish the service's port on 127.0.0.1 only, on a port the engine picks", () => {
  const { containerPort, hostIp, image } = serviceContainerDefinition({
    databaseUrl: 'postgres://postgres:referral-bench@localhost:49153/referral_bench',
    withRedis: false,
    workers: 1,
    tokenSecret: 'a-secret-of-sixteen-or-more',
  });
  const container = new Inspected(image).withLoopbackPort(containerPort);
  expect(container.portBindings()).toEqual({ [`${containerPort}/tcp`]: [{ HostIp: hostIp, HostPort: '0' }] });
  expect(Object.keys((container.exposedPortsToCreate() ?? {}) as object)).toContain(`${containerPort}/tcp`);
});
