/** Every {@code stage.*} of {@code loki.process}: one configuration record and one stage each. */
package dev.jalloy.component.loki.process.stages;
