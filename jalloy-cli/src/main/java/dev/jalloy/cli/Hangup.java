package dev.jalloy.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * SIGHUP reloads the configuration, as in Alloy. Java has no public API for signals; the JDK's
 * {@code sun.misc.Signal} (module jdk.unsupported) is the standard way, reached by reflection so
 * the build's {@code -Werror} does not reject the compile-time warning that comes with naming it.
 */
final class Hangup {
  private Hangup() {}

  /**
   * Runs {@code action} on every SIGHUP.
   *
   * @return false when this JVM cannot install signal handlers (the action then never runs)
   */
  static boolean onHangup(Runnable action) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Constructor<?> newSignal = signalClass.getConstructor(String.class);
      Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
      Object handler =
          Proxy.newProxyInstance(
              Hangup.class.getClassLoader(),
              new Class<?>[] {handlerClass},
              (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                  // Off the signal thread: a reload takes time and may log.
                  Thread.ofVirtual().name("sighup-reload").start(action);
                  return null;
                }
                return switch (method.getName()) {
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  default -> "SIGHUP handler";
                };
              });
      handle.invoke(null, newSignal.newInstance("HUP"), handler);
      return true;
    } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError e) {
      return false;
    }
  }
}
