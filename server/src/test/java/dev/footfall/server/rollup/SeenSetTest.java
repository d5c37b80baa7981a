package dev.footfall.server.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The seen set's text form, its visit tuples and page views, and the pair entries of earlier releases. */
class SeenSetTest {
    @Test
    void masksTuplesAndPageViewsSurviveTheTextForm() {
        SeenSet seen = new SeenSet();
        seen.setMask("0.0", 5L);
        seen.setMask("3.17", 1L << 23);
        int[] tuple = SeenSet.emptyTuple();
        tuple[RollupDim.SOURCE.ordinal()] = 4;
        tuple[RollupDim.COUNTRY.ordinal()] = RollupDim.countryId("DE");
        int position = seen.add(tuple);
        seen.pageViewed(42, position);

        SeenSet read = SeenSet.decode(seen.encode());
        assertEquals(seen.encode(), read.encode());
        assertEquals(5L, read.mask("0.0"));
        assertEquals(0, read.indexOf(tuple));
        assertTrue(read.pairCounted(RollupDim.SOURCE, 4, RollupDim.COUNTRY, RollupDim.countryId("DE")));
        assertFalse(read.pairCounted(RollupDim.SOURCE, 5, RollupDim.COUNTRY, RollupDim.countryId("DE")));
        assertTrue(read.viewed(42, 0));
        assertTrue(read.viewedWith(42, RollupDim.SOURCE, 4));
        assertFalse(read.viewedWith(42, RollupDim.SOURCE, 5));
        assertFalse(read.viewedWith(43, RollupDim.SOURCE, 4));
    }

    @Test
    void pairEntriesOfEarlierReleasesAreReadAndKept() {
        String text = "1.5=4;2/3/1.5=1";
        SeenSet seen = SeenSet.decode(text);
        assertEquals(Set.of("1.5", "2/3/1.5"), seen.keys());
        assertTrue(seen.legacyCounted(RollupDim.ENTRY_PAGE, 3, RollupDim.PAGE, 5));
        assertTrue(seen.pairCounted(RollupDim.ENTRY_PAGE, 3, RollupDim.PAGE, 5));
        assertFalse(seen.legacyCounted(RollupDim.ENTRY_PAGE, 3, RollupDim.PAGE, 6));
        assertEquals(text, seen.encode());
    }

    @Test
    void aTupleValueOfAnUnknownDimensionIsLeftOut() {
        SeenSet seen = SeenSet.decode("T3.4,250.7");
        int[] tuple = SeenSet.emptyTuple();
        tuple[RollupDim.EXIT_PAGE.ordinal()] = 4;
        assertEquals(0, seen.indexOf(tuple));
    }

    @Test
    void nothingReadsAsEmpty() {
        assertTrue(SeenSet.decode(null).keys().isEmpty());
        assertEquals("", SeenSet.decode("").encode());
    }
}
