# why: x @ W.T + b is F.linear; dropout only inside an `if training` branch
# %% functional_forward
def functional_forward(x, params, p, training):
    h = torch.clamp(x @ params["fc1.weight"].T + params["fc1.bias"], min=0)
    if training:
        h = F.dropout(h, p)
    return h @ params["fc2.weight"].T + params["fc2.bias"]
