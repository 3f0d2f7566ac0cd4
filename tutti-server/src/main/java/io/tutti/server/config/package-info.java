/**
 * A node's configuration: {@link io.tutti.server.config.NodeConfig} holds every setting with its unit in its name
 * and validates them together; {@link io.tutti.server.config.ConfigLoader} reads the YAML file, applies flags and
 * fills defaults. A broken config stops the node at start with one line naming the bad setting.
 */
package io.tutti.server.config;
