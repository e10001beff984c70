const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  // Integration specs boot apps with database pools, Redis and BullMQ connections; each
  // closes them in afterAll. This is the safety net so a leak cannot hang CI: Jest still
  // prints the "force exiting" warning, which is treated as a defect to fix.
  forceExit: true,
  testTimeout: 30000,
};
