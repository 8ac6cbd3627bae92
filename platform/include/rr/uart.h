/*
 * rr/uart.h — the COM1 16550 (drivers/uart16550.c), under the console.
 */
#pragma once

#include <stdint.h>
#include <stdbool.h>

#define RR_COM1_PORT 0x3F8
#define RR_COM1_IRQ  4

void rr_uart_init(void);
void rr_uart_putc(uint8_t c);
bool rr_uart_rx_ready(void);
uint8_t rr_uart_getc(void);
void rr_uart_rx_irq(bool enable);
