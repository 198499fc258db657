import type { Banner } from "@/lib/content/schema";

/** One banner, marked 광고, at its fixed size so nothing shifts while it loads. */
export function BannerSlot({ banner }: { banner: Banner }) {
  const { image } = banner;
  return (
    <figure className="banner mx-auto" style={{ width: image.width, maxWidth: "100%" }}>
      <figcaption>광고</figcaption>
      <a href={banner.link} rel="sponsored noopener">
        {/* eslint-disable-next-line @next/next/no-img-element -- fixed-size local file; no optimisation needed */}
        <img src={image.src} alt={image.alt} width={image.width} height={image.height} loading="lazy" decoding="async" />
      </a>
    </figure>
  );
}
