package org.spacemoe.shared.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;
import org.spacemoe.shared.frame.TensorCodec;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.HiddenStateCodec;
import org.spacemoe.shared.input.OptionalField;

/**
 * Which activation codec the onboard runtime uses on each link of a plan (plan JSON field {@code linkCodecs}).
 * Lookup order for a frame: {@code hiddenByLayer} (HIDDEN frames only, keyed by the layer that receives the
 * hidden state, as a decimal string), then the frame's {@link LinkClass} entry, then {@code default}. Codec
 * names: {@code fp32}, {@code fp16}, {@code int8}. A plan without {@code linkCodecs} sends fp32 everywhere.
 *
 * @param defaultCodec codec of every link not overridden (JSON {@code default}); required
 * @param hidden override for {@link LinkClass#HIDDEN}, or null
 * @param expertRequest override for {@link LinkClass#EXPERT_REQUEST} (JSON {@code expert-request}), or null
 * @param expertResponse override for {@link LinkClass#EXPERT_RESPONSE} (JSON {@code expert-response}), or null
 * @param hiddenByLayer per receiving layer, override for the HIDDEN frame into that layer (a split plan's cuts),
 *     or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinkCodecs(
    @JsonProperty("default") String defaultCodec,
    @OptionalField String hidden,
    @OptionalField @JsonProperty("expert-request") String expertRequest,
    @OptionalField @JsonProperty("expert-response") String expertResponse,
    @OptionalField Map<String, String> hiddenByLayer) {

  /** fp32 on every link: what a plan without {@code linkCodecs} means. */
  public static final LinkCodecs ALL_FP32 = uniform(HiddenStateCodec.FP32);

  public LinkCodecs {
    hiddenByLayer = hiddenByLayer == null ? null : Map.copyOf(new TreeMap<>(hiddenByLayer));
  }

  /** The same codec on every link. */
  public static LinkCodecs uniform(HiddenStateCodec codec) {
    return new LinkCodecs(codec.wireName(), null, null, null, null);
  }

  /** Whether every link sends fp32 (no lossy codec anywhere). */
  public boolean allFp32() {
    String fp32 = HiddenStateCodec.FP32.wireName();
    boolean overrides = java.util.stream.Stream.of(hidden, expertRequest, expertResponse)
        .allMatch(c -> c == null || fp32.equals(c));
    return fp32.equals(defaultCodec) && overrides
        && (hiddenByLayer == null || hiddenByLayer.values().stream().allMatch(fp32::equals));
  }

  /**
   * The frame codec for a frame of {@code linkClass} whose {@code layer} field is {@code layer}.
   *
   * @throws InvalidInputException if a name involved is not a codec (call {@link #validate} first)
   */
  public TensorCodec codecFor(LinkClass linkClass, int layer) {
    String name = null;
    if (linkClass == LinkClass.HIDDEN && hiddenByLayer != null) {
      name = hiddenByLayer.get(Integer.toString(layer));
    }
    if (name == null) {
      name = switch (linkClass) {
        case HIDDEN -> hidden;
        case EXPERT_REQUEST -> expertRequest;
        case EXPERT_RESPONSE -> expertResponse;
      };
    }
    return TensorCodec.of(parse("linkCodecs." + (name == null ? "default" : linkClass.jsonName()),
        name == null ? defaultCodec : name));
  }

  /**
   * Checks every name and layer key; {@code input} names the plan in the error.
   *
   * @throws InvalidInputException naming the field, e.g. {@code plan.json: linkCodecs.hidden: unknown codec 'fp8'}
   */
  public void validate(String input, int layers) {
    if (defaultCodec == null) {
      throw new InvalidInputException(input, "linkCodecs.default is required (fp32, fp16 or int8)");
    }
    check(input, "linkCodecs.default", defaultCodec);
    check(input, "linkCodecs.hidden", hidden);
    check(input, "linkCodecs.expert-request", expertRequest);
    check(input, "linkCodecs.expert-response", expertResponse);
    if (hiddenByLayer != null) {
      for (Map.Entry<String, String> e : hiddenByLayer.entrySet()) {
        String field = "linkCodecs.hiddenByLayer." + e.getKey();
        int layer;
        try {
          layer = Integer.parseInt(e.getKey());
        } catch (NumberFormatException nfe) {
          throw new InvalidInputException(input, field + ": key must be a layer index, got '" + e.getKey() + "'");
        }
        if (layer < 1 || layer >= layers) {
          throw new InvalidInputException(input, field + ": a hidden state enters layers 1.." + (layers - 1)
              + ", got layer " + layer);
        }
        check(input, field, e.getValue());
      }
    }
  }

  private static void check(String input, String field, String name) {
    if (name != null && lookup(name) == null) {
      throw new InvalidInputException(input, field + ": unknown codec '" + name + "'; use fp32, fp16 or int8");
    }
  }

  private static HiddenStateCodec parse(String field, String name) {
    HiddenStateCodec c = lookup(name);
    if (c == null) {
      throw new InvalidInputException(field, "unknown codec '" + name + "'; use fp32, fp16 or int8");
    }
    return c;
  }

  private static HiddenStateCodec lookup(String name) {
    return HiddenStateCodec.byWireName(name).orElse(null);
  }
}
