"""The Image API's requests as a viewer sends them, and the pixels they give back."""

import io
from pathlib import Path

import pytest
from PIL import Image

from index.iiif.errors import ImageRequestError
from index.iiif.image import MAX_AREA, ImageRequest, PageImages, info, parse_identifier, parse_request


def test_info_names_the_image_its_size_tiles_and_level():
    described = info("http://host/iiif/image/abc-1", 2480, 3508)
    assert described["@context"] == "http://iiif.io/api/image/3/context.json"
    assert (described["id"], described["type"], described["profile"]) == (
        "http://host/iiif/image/abc-1",
        "ImageService3",
        "level1",
    )
    assert (described["width"], described["height"]) == (2480, 3508)
    assert described["tiles"] == [{"width": 512, "height": 512, "scaleFactors": [1, 2, 4, 8, 16]}]
    assert described["sizes"][-1] == {"width": 1240, "height": 1754}


@pytest.mark.parametrize(
    ("region", "size", "expected"),
    [
        ("full", "max", ImageRequest((0, 0, 2480, 3508), (2480, 3508))),
        ("full", "620,", ImageRequest((0, 0, 2480, 3508), (620, 877))),
        ("full", ",877", ImageRequest((0, 0, 2480, 3508), (620, 877))),
        ("full", "!200,200", ImageRequest((0, 0, 2480, 3508), (141, 200))),
        ("square", "100,100", ImageRequest((0, 514, 2480, 2480), (100, 100))),
        ("2048,3072,2048,2048", "216,", ImageRequest((2048, 3072, 432, 436), (216, 218))),  # cut at the edges
        ("0,0,512,512", "512,512", ImageRequest((0, 0, 512, 512), (512, 512))),
    ],
)
def test_requests_are_read_as_the_image_api_defines_them(region: str, size: str, expected: ImageRequest):
    assert parse_request(region, size, "0", "default.jpg", 2480, 3508) == expected


@pytest.mark.parametrize(
    ("region", "size", "rotation", "quality", "status"),
    [
        ("full", "max", "90", "default.jpg", 501),
        ("full", "max", "!0", "default.jpg", 501),
        ("full", "max", "0", "gray.jpg", 501),
        ("full", "max", "0", "default.png", 501),
        ("pct:10,10,50,50", "max", "0", "default.jpg", 501),
        ("full", "pct:50", "0", "default.jpg", 501),
        ("full", "^max", "0", "default.jpg", 501),
        ("3000,0,10,10", "max", "0", "default.jpg", 400),  # outside the image
        ("0,0,0,10", "max", "0", "default.jpg", 400),  # empty
        ("0,0,100,100", "200,", "0", "default.jpg", 400),  # larger than the region
        ("left", "max", "0", "default.jpg", 400),
        ("full", "big", "0", "default.jpg", 400),
        ("full", ",", "0", "default.jpg", 400),
        ("full", "!100,", "0", "default.jpg", 400),
    ],
)
def test_what_level_1_forbids_or_does_not_do_is_refused_with_its_status(region, size, rotation, quality, status):
    with pytest.raises(ImageRequestError) as refused:
        parse_request(region, size, rotation, quality, 2480, 3508)
    assert refused.value.status == status


def test_an_image_id_is_the_document_and_the_page_after_the_last_hyphen():
    assert parse_identifier("abc-def-12") == ("abc-def", 12)
    for bad in ("abc", "-3", "abc-", "abc-x", "abc-1234567"):
        with pytest.raises(ImageRequestError):
            parse_identifier(bad)


@pytest.fixture
def page(tmp_path: Path) -> Path:
    """A white 2000 × 3000 page with a black 400 × 400 square whose corner is at (1000, 2000)."""
    image = Image.new("L", (2000, 3000), 255)
    image.paste(0, (1000, 2000, 1400, 2400))
    path = tmp_path / "page-0001.jpg"
    image.save(path, "JPEG", quality=75)
    return path


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    return image.convert("L")


def test_a_region_holds_the_pixels_of_that_region_at_the_size_asked(page: Path):
    images = PageImages()
    square = decoded(images.render(page, ImageRequest((1000, 2000, 400, 400), (100, 100))))
    beside = decoded(images.render(page, ImageRequest((0, 0, 400, 400), (100, 100))))
    assert square.size == beside.size == (100, 100)
    assert square.getextrema()[1] < 40 and beside.getextrema()[0] > 215


def test_a_reduced_whole_page_keeps_things_where_they_are(page: Path):
    whole = decoded(PageImages().render(page, ImageRequest((0, 0, 2000, 3000), (250, 375))))  # decoded at 1/8
    assert whole.size == (250, 375)
    assert whole.getpixel((150, 275)) < 60  # the square's middle, (1200, 2200) / 8
    assert whole.getpixel((50, 50)) > 200


def test_a_page_replaced_on_disk_is_decoded_again(page: Path):
    images = PageImages()
    before = decoded(images.render(page, ImageRequest((1000, 2000, 400, 400), (50, 50))))
    Image.new("L", (2000, 3000), 255).save(page, "JPEG", quality=75)
    after = decoded(images.render(page, ImageRequest((1000, 2000, 400, 400), (50, 50))))
    assert before.getextrema()[1] < 40 and after.getextrema()[0] > 215


def advertised(width: int, height: int) -> list[tuple[str, str, tuple[int, int]]]:
    """Every (region, size) a viewer may ask of what ``info.json`` says, with the size of the answer it expects."""
    described = info("http://host/iiif/image/x-1", width, height)
    asks = [("full", "max", (described["width"], described["height"]))] if width * height <= MAX_AREA else []
    for size in described["sizes"]:
        w, h = size["width"], size["height"]
        asks += [("full", f"{w},{h}", (w, h)), ("full", f"{w},", (w, None))]
    for tiles in described["tiles"]:
        for factor in tiles["scaleFactors"]:
            step = tiles["width"] * factor
            for y in range(0, height, step):
                for x in range(0, width, step):
                    w, h = min(step, width - x), min(step, height - y)
                    asks.append((f"{x},{y},{w},{h}", f"{-(-w // factor)},", (-(-w // factor), None)))
    return asks


@pytest.mark.parametrize(
    ("width", "height", "mode"),
    [(1001, 1777, "L"), (9999, 10, "L"), (10, 4099, "RGB"), (2481, 3509, "L"), (1999, 1001, "RGB")],
)
def test_every_size_and_tile_info_advertises_is_answered(tmp_path: Path, width: int, height: int, mode: str):
    path = tmp_path / "page.jpg"
    Image.new(mode, (width, height), 200).save(path, "JPEG", quality=75)
    images = PageImages()
    asks = advertised(width, height)
    assert len(asks) > 5
    for region, size, (w, h) in asks:
        answer = decoded(images.render(path, parse_request(region, size, "0", "default.jpg", width, height)))
        assert answer.width == w and (h is None or answer.height == h), (region, size)


def test_max_is_capped_at_the_area_info_advertises():
    described = info("http://host/iiif/image/x-1", 9999, 9999)
    assert described["maxArea"] == MAX_AREA and all(s["width"] * s["height"] <= MAX_AREA for s in described["sizes"])
    w, h = parse_request("full", "max", "0", "default.jpg", 9999, 9999).size
    assert w == h and w * h <= MAX_AREA < (w + 1) * (h + 1)
    with pytest.raises(ImageRequestError) as refused:
        parse_request("full", "9999,", "0", "default.jpg", 9999, 9999)
    assert refused.value.status == 400
