package io.github.remnawaveshop.core.subscription;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every notice; thread-safe. */
final class RecordingNotifier implements Notifier {
  final List<Notice> notices = new CopyOnWriteArrayList<>();

  @Override
  public void notify(Notice notice) {
    notices.add(notice);
  }

  long count(Notice.Kind kind) {
    return notices.stream().filter(n -> n.kind() == kind).count();
  }
}
