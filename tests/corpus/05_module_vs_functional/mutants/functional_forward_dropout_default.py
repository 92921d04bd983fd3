# mistake: F.dropout(h, p) ignores the training argument; F.dropout's own default is training=True
# targets: test_functional_forward
# %% functional_forward
def functional_forward(x, params, p, training):
    h = F.relu(F.linear(x, params["fc1.weight"], params["fc1.bias"]))
    return F.linear(F.dropout(h, p), params["fc2.weight"], params["fc2.bias"])
