/** The one list of built-in component registrations the runtime loads configurations against. */
package dev.jalloy.component.all;
