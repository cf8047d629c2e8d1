package io.github.remnawaveshop.core.ops;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs SIGINT/SIGTERM handlers through the JDK's {@code sun.misc.Signal} (module {@code
 * jdk.unsupported}), by reflection so that the SDK compiles and runs where it is missing. Only
 * {@link ShopLifecycle#installSignalHandlers()} calls it: replacing process-wide handlers is the
 * application's choice. Not API; logs as {@link ShopLifecycle}.
 */
final class SignalHandlers {
  private static final Logger log = LoggerFactory.getLogger(ShopLifecycle.class);

  /**
   * What the installed handler's {@code toString()} says, to tell it apart in a thread or handler
   * dump.
   */
  static final String NAME = "ShopLifecycleSignalHandler";

  private SignalHandlers() {}

  /**
   * Makes SIGINT and SIGTERM start {@code onSignal} on a new thread of its own.
   *
   * @return whether the handlers were installed (false, with a warning, where {@code
   *     sun.misc.Signal} is missing)
   */
  static boolean install(Runnable onSignal, String threadName) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      InvocationHandler handle =
          (proxy, method, args) -> {
            if (method.getName().equals("handle")) {
              log.info("Received signal {}; shutting down", args[0]);
              Thread t = new Thread(onSignal, threadName);
              t.start();
              return null;
            }
            return method.getName().equals("toString") ? NAME : null;
          };
      Object handler =
          Proxy.newProxyInstance(
              handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, handle);
      for (String name : List.of("INT", "TERM")) {
        Object signal = signalClass.getConstructor(String.class).newInstance(name);
        signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
      }
      return true;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      log.warn(
          "Could not install SIGINT/SIGTERM handlers ({}); relying on the JVM shutdown hook",
          e.toString());
      return false;
    }
  }
}
