# mistake: computes x @ weight without the transpose that F.linear / nn.Linear use
# targets: test_functional_forward
# %% functional_forward
def functional_forward(x, params, p, training):
    h = F.relu(x @ params["fc1.weight"] + params["fc1.bias"])
    h = F.dropout(h, p, training=training)
    return h @ params["fc2.weight"] + params["fc2.bias"]
