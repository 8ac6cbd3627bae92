/* The "net" key of the guest configuration (docs/contracts.md §9). */
#include <rr/kern.h>
#include "test.h"

static struct rr_config parse_net(const char *text)
{
    struct rr_config c;
    char err[256];
    if (rr_config_parse(text, strlen(text), &c, err, sizeof(err)) != 0)
        FAIL("config %s failed: %s", text, err);
    return c;
}

static const char *net_error(const char *text)
{
    static char err[256];
    struct rr_config c;
    if (rr_config_parse(text, strlen(text), &c, err, sizeof(err)) != -EINVAL)
        FAIL("config %s was accepted", text);
    if (c.net || c.nnet)
        FAIL("a failed parse left net entries");
    return err;
}

static bool ip_is(const uint8_t a[4], int x, int y, int z, int w)
{
    return a[0] == x && a[1] == y && a[2] == z && a[3] == w;
}

TEST(config_net_dhcp_and_static_in_order)
{
    struct rr_config c = parse_net(
        "{\"net\": [{\"tag\": \"net0\", \"mac\": \"52:54:00:72:72:01\", \"method\": \"dhcp\"},"
        " {\"tag\": \"lan\", \"mac\": \"52:54:00:AB:cd:0f\", \"method\": \"static\", \"addr\": \"192.168.7.20\","
        " \"prefix\": 24, \"gateway\": \"192.168.7.1\", \"dns\": [\"10.0.2.3\", \"1.1.1.1\"]}]}");
    CHECK_EQ(c.nnet, 2);
    CHECK_STR(c.net[0].tag, "net0");
    static const uint8_t mac0[6] = { 0x52, 0x54, 0x00, 0x72, 0x72, 0x01 };
    CHECK(memcmp(c.net[0].mac, mac0, 6) == 0);
    CHECK_EQ(c.net[0].method, RR_NET_DHCP);
    CHECK(!c.net[0].has_gateway);
    CHECK_EQ(c.net[0].ndns, 0);
    CHECK_STR(c.net[1].tag, "lan");
    static const uint8_t mac1[6] = { 0x52, 0x54, 0x00, 0xab, 0xcd, 0x0f };
    CHECK(memcmp(c.net[1].mac, mac1, 6) == 0);
    CHECK_EQ(c.net[1].method, RR_NET_STATIC);
    CHECK(ip_is(c.net[1].addr, 192, 168, 7, 20));
    CHECK_EQ(c.net[1].prefix, 24);
    CHECK(c.net[1].has_gateway);
    CHECK(ip_is(c.net[1].gateway, 192, 168, 7, 1));
    CHECK_EQ(c.net[1].ndns, 2);
    CHECK(ip_is(c.net[1].dns[0], 10, 0, 2, 3));
    CHECK(ip_is(c.net[1].dns[1], 1, 1, 1, 1));
}

TEST(config_net_static_without_gateway_and_absent_key)
{
    struct rr_config c = parse_net("{\"net\": [{\"tag\": \"n\", \"mac\": \"02:00:00:00:00:01\", \"method\": \"static\","
                                   " \"addr\": \"0.0.0.0\", \"prefix\": 0}]}");
    CHECK_EQ(c.nnet, 1);
    CHECK(!c.net[0].has_gateway);
    CHECK_EQ(c.net[0].prefix, 0);
    struct rr_config empty = parse_net("{\"net\": []}");
    CHECK_EQ(empty.nnet, 0);
    CHECK(empty.net == NULL);
    struct rr_config absent = parse_net("{}");
    CHECK_EQ(absent.nnet, 0);
    CHECK(absent.net == NULL);
}

#define E(text) net_error(text)
#define P "guest configuration: \"net\" entry 0: "
#define M "\"tag\": \"net0\", \"mac\": \"52:54:00:72:72:01\""

TEST(config_net_errors_name_the_entry)
{
    CHECK_STR(E("{\"net\": {}}"), "guest configuration: \"net\" must be an array of interface objects");
    CHECK_STR(E("{\"net\": [1]}"), P "must be an object");
    CHECK_STR(E("{\"net\": [{\"mac\": \"52:54:00:72:72:01\", \"method\": \"dhcp\"}]}"), P "\"tag\" is missing");
    CHECK_STR(E("{\"net\": [{\"tag\": \"a\", \"method\": \"dhcp\"}]}"), P "\"mac\" is missing");
    CHECK_STR(E("{\"net\": [{" M "}]}"), P "\"method\" is missing");
    CHECK_STR(E("{\"net\": [{" M ", \"method\": \"bootp\"}]}"), P "\"method\" must be \"dhcp\" or \"static\"");
    CHECK_STR(E("{\"net\": [{\"tag\": \"\", \"mac\": \"52:54:00:72:72:01\", \"method\": \"dhcp\"}]}"),
              P "\"tag\" must be a string of 1 to 23 bytes");
    CHECK_STR(E("{\"net\": [{\"tag\": \"a\", \"mac\": \"52:54:00:72:72\", \"method\": \"dhcp\"}]}"),
              P "\"mac\" must look like \"52:54:00:72:72:01\"");
    CHECK_STR(E("{\"net\": [{\"tag\": \"a\", \"mac\": \"52-54-00-72-72-01\", \"method\": \"dhcp\"}]}"),
              P "\"mac\" must look like \"52:54:00:72:72:01\"");
    CHECK_STR(E("{\"net\": [{\"tag\": \"a\", \"mac\": \"52:54:00:72:72:0g\", \"method\": \"dhcp\"}]}"),
              P "\"mac\" must look like \"52:54:00:72:72:01\"");
    CHECK_STR(E("{\"net\": [{" M ", \"method\": \"static\", \"prefix\": 24}]}"),
              P "\"addr\" is missing (method \"static\")");
    CHECK_STR(E("{\"net\": [{" M ", \"method\": \"static\", \"addr\": \"10.0.2.15\"}]}"),
              P "\"prefix\" is missing (method \"static\")");
    CHECK_STR(E("{\"net\": [{" M ", \"method\": \"dhcp\", \"addr\": \"10.0.2.15\"}]}"),
              P "\"addr\", \"prefix\" and \"gateway\" belong to method \"static\"");
    CHECK_STR(E("{\"net\": [{" M ", \"method\": \"static\", \"addr\": \"10.0.2.15\", \"prefix\": 33}]}"),
              P "\"prefix\" must be an integer from 0 to 32");
    CHECK_STR(E("{\"net\": [{" M ", \"method\": \"static\", \"addr\": \"10.0.2.15\", \"prefix\": 24.0}]}"),
              P "\"prefix\" must be an integer from 0 to 32");
    CHECK_STR(E("{\"net\": [{" M ", \"method\": \"static\", \"addr\": \"10.0.2.15\", \"prefix\": 24, \"x\": 1}]}"),
              P "unknown key \"x\"");
    CHECK_STR(E("{\"net\": [{" M ", \"tag\": \"b\", \"method\": \"dhcp\"}]}"), P "duplicate key \"tag\"");
    CHECK_STR(E("{\"net\": [{" M ", \"method\": \"dhcp\", \"dns\": \"10.0.2.3\"}]}"),
              P "\"dns\" must be an array of IPv4 addresses");
    CHECK_STR(E("{\"net\": [{" M ", \"method\": \"dhcp\", \"dns\": [\"1.1.1.1\", \"1.1.1.2\", \"1.1.1.3\", \"1.1.1.4\"]}]}"),
              P "\"dns\" lists more than 3 servers");
    CHECK_STR(E("{\"net\": [{" M ", \"method\": \"dhcp\"}, {" M ", \"method\": \"dhcp\"}]}"),
              "guest configuration: \"net\" entry 1: \"tag\" repeats an earlier entry's");
    CHECK_STR(E("{\"net\": [{" M ", \"method\": \"dhcp\"}, {\"tag\": \"b\", \"mac\": \"52:54:00:72:72:01\", \"method\": \"dhcp\"}]}"),
              "guest configuration: \"net\" entry 1: \"mac\" repeats an earlier entry's");
}

TEST(config_net_addresses_are_strict_dotted_quads)
{
    static const char *bad[] = { "10.0.2", "10.0.2.15.1", "10.0.2.256", "10.0.02.15", "10.0.2.15 ", "", "a.b.c.d",
                                 "10..2.15", "1000.0.2.15", "10.0.2.-1" };
    char text[256];
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        snprintf(text, sizeof(text), "{\"net\": [{" M ", \"method\": \"static\", \"addr\": \"%s\", \"prefix\": 8}]}", bad[i]);
        CHECK_STR(E(text), P "\"addr\" must be an IPv4 address like \"10.0.2.15\"");
    }
    struct rr_config c = parse_net("{\"net\": [{" M ", \"method\": \"static\", \"addr\": \"255.255.0.10\", \"prefix\": 32}]}");
    CHECK(ip_is(c.net[0].addr, 255, 255, 0, 10));
}
