# mistake: writes ReLU as torch.max(h, torch.zeros(h.shape)), whose zeros are made on the CPU without device=
# targets: test_functional_forward
# %% functional_forward
def functional_forward(x, params, p, training):
    h = F.linear(x, params["fc1.weight"], params["fc1.bias"])
    h = torch.max(h, torch.zeros(h.shape, dtype=h.dtype))
    h = F.dropout(h, p, training=training)
    return F.linear(h, params["fc2.weight"], params["fc2.bias"])
