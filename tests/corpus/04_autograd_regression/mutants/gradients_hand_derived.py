# mistake: ignores objective and returns the hand-derived gradient of the seed's squared loss
# targets: test_gradients
# %% gradients
def gradients(objective, x, y, w, b):
    with torch.no_grad():
        r = x.pow(2).mm(w) + b - y
        return (x.pow(2) * r).sum().reshape(1, 1), r.sum().reshape(1, 1)
