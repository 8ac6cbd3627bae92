/* The "mounts" key of the guest configuration (docs/contracts.md §8). */
#include <rr/kern.h>
#include "test.h"

static struct rr_config parse_mounts(const char *text)
{
    struct rr_config c;
    char err[256];
    if (rr_config_parse(text, strlen(text), &c, err, sizeof(err)) != 0)
        FAIL("config %s failed: %s", text, err);
    return c;
}

static const char *mounts_error(const char *text)
{
    static char err[256];
    struct rr_config c;
    if (rr_config_parse(text, strlen(text), &c, err, sizeof(err)) != -EINVAL)
        FAIL("config %s was accepted", text);
    if (c.mounts)
        FAIL("a failed parse left mounts");
    return err;
}

TEST(config_mounts_full_entries_in_order)
{
    struct rr_config c = parse_mounts(
        "{\"mounts\": [{\"device\": \"rr0\", \"path\": \"/data\", \"readonly\": false, \"fstype\": \"auto\", \"required\": true},"
        " {\"device\": \"rr1\", \"path\": \"/srv/iso\", \"readonly\": true, \"fstype\": \"iso9660\", \"required\": false}]}");
    CHECK_EQ(c.nmounts, 2);
    CHECK_STR(c.mounts[0].device, "rr0");
    CHECK_STR(c.mounts[0].path, "/data");
    CHECK_STR(c.mounts[0].fstype, "auto");
    CHECK(!c.mounts[0].readonly);
    CHECK(c.mounts[0].required);
    CHECK_STR(c.mounts[1].device, "rr1");
    CHECK_STR(c.mounts[1].path, "/srv/iso");
    CHECK_STR(c.mounts[1].fstype, "iso9660");
    CHECK(c.mounts[1].readonly);
    CHECK(!c.mounts[1].required);
}

TEST(config_mounts_defaults)
{
    struct rr_config c = parse_mounts("{\"mounts\": [{\"device\": \"rr0\", \"path\": \"/data\"}]}");
    CHECK_EQ(c.nmounts, 1);
    CHECK_STR(c.mounts[0].fstype, "auto");
    CHECK(!c.mounts[0].readonly);
    CHECK(c.mounts[0].required);
    struct rr_config none = parse_mounts("{\"mounts\": []}");
    CHECK_EQ(none.nmounts, 0);
    struct rr_config absent = parse_mounts("{}");
    CHECK_EQ(absent.nmounts, 0);
    CHECK(absent.mounts == NULL);
}

TEST(config_mounts_errors_name_the_entry)
{
    CHECK_STR(mounts_error("{\"mounts\": {}}"), "guest configuration: \"mounts\" must be an array of mount objects");
    CHECK_STR(mounts_error("{\"mounts\": [3]}"), "guest configuration: \"mounts\" entry 0: must be an object");
    CHECK_STR(mounts_error("{\"mounts\": [{\"path\": \"/d\"}]}"), "guest configuration: \"mounts\" entry 0: \"device\" is missing");
    CHECK_STR(mounts_error("{\"mounts\": [{\"device\": \"rr0\", \"path\": \"/d\"}, {\"device\": \"rr1\"}]}"),
              "guest configuration: \"mounts\" entry 1: \"path\" is missing");
    CHECK_STR(mounts_error("{\"mounts\": [{\"device\": \"rr0\", \"path\": \"data\"}]}"),
              "guest configuration: \"mounts\" entry 0: \"path\" must be an absolute path other than /");
    CHECK_STR(mounts_error("{\"mounts\": [{\"device\": \"rr0\", \"path\": \"/\"}]}"),
              "guest configuration: \"mounts\" entry 0: \"path\" must be an absolute path other than /");
    CHECK_STR(mounts_error("{\"mounts\": [{\"device\": \"rr0\", \"path\": \"/d\", \"fstype\": \"ntfs\"}]}"),
              "guest configuration: \"mounts\" entry 0: \"fstype\" must be \"auto\", \"ext2\" or \"iso9660\"");
    CHECK_STR(mounts_error("{\"mounts\": [{\"device\": \"rr0\", \"path\": \"/d\", \"readonly\": 1}]}"),
              "guest configuration: \"mounts\" entry 0: \"readonly\" must be true or false");
    CHECK_STR(mounts_error("{\"mounts\": [{\"device\": \"rr0\", \"path\": \"/d\", \"required\": \"yes\"}]}"),
              "guest configuration: \"mounts\" entry 0: \"required\" must be true or false");
    CHECK_STR(mounts_error("{\"mounts\": [{\"device\": \"rr0\", \"path\": \"/d\", \"source\": \"x\"}]}"),
              "guest configuration: \"mounts\" entry 0: unknown key \"source\"");
    CHECK_STR(mounts_error("{\"mounts\": [{\"device\": \"rr0\", \"device\": \"rr1\", \"path\": \"/d\"}]}"),
              "guest configuration: \"mounts\" entry 0: duplicate key \"device\"");
    CHECK_STR(mounts_error("{\"mounts\": [{\"device\": \"\", \"path\": \"/d\"}]}"),
              "guest configuration: \"mounts\" entry 0: \"device\" must be a string of 1 to 23 bytes");
}
