package io.github.remnawaveshop.core.cache;

class LocalCacheLayerTest extends CacheLayerContract {
  @Override
  CacheLayer.Builder backend(CacheLayer.Builder builder) {
    return builder;
  }
}
