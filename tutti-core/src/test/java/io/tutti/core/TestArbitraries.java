package io.tutti.core;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Generators shared by the core's property tests. Byte arrays are generated as lists and mapped to arrays:
 * jqwik 1.9.3 fails with "argument type mismatch" when it shrinks a primitive {@code byte[]} generated directly
 * ({@code @ForAll byte[]} or {@code .array(byte[].class)}), which would hide the real counterexample. It also
 * failed (ClassCastException while shrinking) for one property that mixed arrays of two different element
 * arbitraries; keep the element arbitraries of one property the same, or choose fixed values by index.
 */
public final class TestArbitraries {
  private TestArbitraries() {}

  public static Arbitrary<byte[]> bytes(int minSize, int maxSize) {
    return bytes(Arbitraries.bytes(), minSize, maxSize);
  }

  public static Arbitrary<byte[]> bytes(Arbitrary<Byte> elements, int minSize, int maxSize) {
    return elements.list().ofMinSize(minSize).ofMaxSize(maxSize).map(TestArbitraries::toArray);
  }

  private static byte[] toArray(List<Byte> bytes) {
    byte[] out = new byte[bytes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes.get(i);
    }
    return out;
  }
}
